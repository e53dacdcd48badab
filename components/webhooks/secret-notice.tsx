"use client";

import { useState } from "react";

/** A new signing secret, shown once with a copy button. */
export function SecretNotice({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-info" role="status" data-testid="webhook-secret">
      <strong>{title}: copy it now, it is not shown again. Receivers verify signatures with it.</strong>
      <div className="webhook-secret-row">
        <code data-testid="webhook-secret-value">{secret}</code>
        <button type="button" className="btn btn-small btn-secondary" onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true), () => undefined)}>
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
