"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { apiRequest } from "./api-request";
import "./tokens.css";
import { TableScroll } from "../ui/table-scroll";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  owner: { name: string; email: string };
}

const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const date = (iso: string) => formatter.format(new Date(iso));

/** API tokens with their last use; each revocable after a confirmation. `showOwner` for the admin's list. */
export function TokenTable({ tokens, showOwner = false }: { tokens: TokenRow[]; showOwner?: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke(id: string) {
    setError(null);
    startTransition(async () => {
      try {
        await apiRequest("DELETE", `/api/v1/tokens/${encodeURIComponent(id)}`);
        setConfirming(null);
      } catch (err) {
        setError((err as Error).message);
      }
      router.refresh();
    });
  }

  if (tokens.length === 0) return <p className="muted">No active tokens.</p>;
  return (
    <>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <TableScroll label="API tokens" className="table-wrap token-table">
        <table aria-label="API tokens">
          <thead>
            <tr>
              <th>Name</th>
              {showOwner && <th>Owner</th>}
              <th>Token</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-token-name={t.name}>
                <td>{t.name}</td>
                {showOwner && <td title={t.owner.email}>{t.owner.name}</td>}
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>
                  <span className="scopes">
                    {t.scopes.map((s) => (
                      <span key={s} className={`badge ${s === "admin" ? "badge-admin" : "badge-ok"}`}>
                        {s}
                      </span>
                    ))}
                  </span>
                </td>
                <td className="muted">{date(t.createdAt)}</td>
                <td className="muted">{t.lastUsedAt ? date(t.lastUsedAt) : "never"}</td>
                <td className="muted">{date(t.expiresAt)}</td>
                <td>
                  {confirming === t.id ? (
                    <span className="row-actions">
                      <button type="button" className="btn btn-small btn-danger" disabled={pending} onClick={() => revoke(t.id)}>
                        Revoke {t.name}
                      </button>
                      <button type="button" className="btn btn-small btn-secondary" disabled={pending} onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="btn btn-small btn-secondary" onClick={() => setConfirming(t.id)}>
                      Revoke…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
