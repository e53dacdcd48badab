"use client";

import { useState, useTransition } from "react";
import { SecretNotice } from "./secret-notice";
import type { WebhookActions } from "./types";

/** Registers an endpoint for the panel's scope (the instance, or one room). */
export function CreateWebhookForm({ roomId, events, create }: { roomId: string | null; events: { type: string; label: string }[]; create: WebhookActions["create"] }) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toggle = (type: string) => setChosen((list) => (list.includes(type) ? list.filter((t) => t !== type) : [...list, type]));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await create({ url, description, events: chosen, ...(roomId && { roomId }) });
      if (!result.ok) {
        setError(result.message ?? Object.values(result.fieldErrors ?? {})[0] ?? "Could not add the endpoint.");
        return;
      }
      setSecret(result.secret ?? null);
      setUrl("");
      setDescription("");
      setChosen([]);
    });
  }

  return (
    <form className="webhook-form" onSubmit={submit}>
      {secret && <SecretNotice title="The endpoint's signing secret" secret={secret} onDone={() => setSecret(null)} />}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`webhook-url-${roomId ?? "instance"}`}>Endpoint URL</label>
        <input id={`webhook-url-${roomId ?? "instance"}`} type="url" value={url} maxLength={2000} required placeholder="https://example.com/hooks" onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`webhook-description-${roomId ?? "instance"}`}>Description (optional)</label>
        <input id={`webhook-description-${roomId ?? "instance"}`} type="text" value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend className="field-legend">Events</legend>
        <div className="scope-list">
          {events.map(({ type, label }) => (
            <label key={type}>
              <input type="checkbox" checked={chosen.includes(type)} onChange={() => toggle(type)} aria-label={type} />
              <span>
                <code>{type}</code> <span className="muted">{label}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="btn" disabled={pending || chosen.length === 0 || url.trim() === ""}>
        Add endpoint
      </button>
    </form>
  );
}
