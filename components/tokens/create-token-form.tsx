"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "./api-request";
import "./tokens.css";

export interface ScopeOption {
  scope: string;
  label: string;
}

const EXPIRY_DAYS = [7, 30, 90, 365];

/** Creates an API token through POST /api/v1/tokens and shows its secret once, with a copy button. */
export function CreateTokenForm({ scopes }: { scopes: ScopeOption[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>(["chat"]);
  const [days, setDays] = useState(30);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const toggle = (scope: string) => setChosen((list) => (list.includes(scope) ? list.filter((s) => s !== scope) : [...list, scope]));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const result = await apiRequest<{ token: string; name: string }>("POST", "/api/v1/tokens", { name, scopes: chosen, expiresInDays: days });
      setCreated({ name: result!.name, token: result!.token });
      setCopied(false);
      setName("");
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="token-form" onSubmit={submit}>
      {created && (
        <div className="alert alert-info" role="status" data-testid="new-token">
          <strong>Copy the token “{created.name}” now: it is not shown again.</strong>
          <div className="token-secret">
            <code data-testid="new-token-value">{created.token}</code>
            <button
              type="button"
              className="btn btn-small btn-secondary"
              onClick={() => void navigator.clipboard.writeText(created.token).then(() => setCopied(true), () => setError("Copying failed; select the token and copy it."))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button type="button" className="btn btn-small btn-secondary" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="token-name">Name</label>
        <input id="token-name" type="text" value={name} maxLength={100} required placeholder="e.g. laptop CLI" onChange={(e) => setName(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend className="field-legend">Scopes</legend>
        <div className="scope-list">
          {scopes.map(({ scope, label }) => (
            <label key={scope}>
              <input type="checkbox" checked={chosen.includes(scope)} onChange={() => toggle(scope)} aria-label={scope} />
              <span>
                <code>{scope}</code> <span className="muted">{label}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="token-expiry">Expires after</label>
        <select id="token-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn" disabled={busy || chosen.length === 0 || name.trim() === ""}>
        Create token
      </button>
    </form>
  );
}
