"use client";

import type { ActionResult } from "@/lib/forms/action-result";
import { useState } from "react";
import "./chat-settings.css";

interface ModelOption {
  ref: string;
  label: string;
}

/** The admin's chat settings: the default model and the order of fallback models. */
export function ChatSettingsForm({
  models,
  initial,
  save,
}: {
  models: ModelOption[];
  initial: { defaultModel: string | null; fallbackOrder: string[] };
  save: (input: unknown) => Promise<ActionResult>;
}) {
  const [defaultModel, setDefaultModel] = useState(initial.defaultModel ?? "");
  const [fallbacks, setFallbacks] = useState<string[]>(initial.fallbackOrder);
  const [status, setStatus] = useState<{ kind: "saved" } | { kind: "failed"; message: string } | null>(null);
  const labelOf = (ref: string) => models.find((m) => m.ref === ref)?.label ?? `${ref} (not available now)`;
  const addable = models.filter((m) => !fallbacks.includes(m.ref));

  const move = (index: number, by: -1 | 1) =>
    setFallbacks((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    });

  return (
    <form
      className="chat-settings"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await save({ defaultModel: defaultModel === "" ? null : defaultModel, fallbackOrder: fallbacks });
        setStatus(result.ok ? { kind: "saved" } : { kind: "failed", message: result.message ?? Object.values(result.fieldErrors ?? {})[0] ?? "Could not save" });
      }}
    >
      <div className="field">
        <label htmlFor="default-model">Default model</label>
        <select id="default-model" value={defaultModel} onChange={(e) => setDefaultModel(e.target.value)}>
          <option value="">First available model</option>
          {initial.defaultModel && !models.some((m) => m.ref === initial.defaultModel) && (
            <option value={initial.defaultModel}>{labelOf(initial.defaultModel)}</option>
          )}
          {models.map((m) => (
            <option key={m.ref} value={m.ref}>
              {m.label} ({m.ref})
            </option>
          ))}
        </select>
        <span className="hint">Preselected in every chat; users can still pick another configured model.</span>
      </div>
      <div className="field">
        <label id="fallback-label">Fallback order</label>
        <span className="hint">When the chosen model fails, these are tried in order. Empty = AI_FALLBACK_MODELS from the environment.</span>
        <ol aria-labelledby="fallback-label" className="fallback-list">
          {fallbacks.map((ref, i) => (
            <li key={ref}>
              <span>{labelOf(ref)}</span>
              <span className="row-actions">
                <button type="button" className="btn btn-secondary btn-small" aria-label={`Move ${ref} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  aria-label={`Move ${ref} down`}
                  disabled={i === fallbacks.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button type="button" className="btn btn-danger btn-small" aria-label={`Remove ${ref}`} onClick={() => setFallbacks((l) => l.filter((r) => r !== ref))}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
        {addable.length > 0 && (
          <select
            aria-label="Add fallback model"
            value=""
            onChange={(e) => {
              const ref = e.target.value;
              if (ref) setFallbacks((l) => [...l, ref]);
            }}
          >
            <option value="">Add a fallback model…</option>
            {addable.map((m) => (
              <option key={m.ref} value={m.ref}>
                {m.label} ({m.ref})
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="row-actions">
        <button type="submit" className="btn">
          Save chat settings
        </button>
        {status?.kind === "saved" && <span className="muted">Saved.</span>}
        {status?.kind === "failed" && <span className="chat-error-text">{status.message}</span>}
      </div>
    </form>
  );
}
