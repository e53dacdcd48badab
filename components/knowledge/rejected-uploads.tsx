"use client";

import { DismissRejectedButton, DuplicateActions } from "./document-actions";
import { formatSize, reasonLabel } from "./status-labels";

/** A refused file: refused in this browser or by the upload request (no document), or a document that failed ingestion. */
export interface RejectedUpload {
  key: string;
  name: string;
  size: number;
  code: string | null;
  message: string | null;
  documentId?: string;
}

/** Refused files apart from the uploads under way, each with its reason and a way to dismiss it. */
export function RejectedUploads({ rejected, onDismiss }: { rejected: RejectedUpload[]; onDismiss(key: string): void }) {
  if (rejected.length === 0) return null;
  return (
    <div className="kn-rejected" data-testid="rejected-uploads">
      <h3>Not added ({rejected.length})</h3>
      <ul className="kn-upload-list" aria-label="Files not added" tabIndex={0}>
        {rejected.map((r) => (
          <li key={r.key} className="kn-upload" data-testid="rejected-item" data-name={r.name}>
            <div className="kn-upload-head">
              <span className="kn-upload-name" title={r.name}>
                {r.name}
              </span>
              <span className="muted kn-upload-size">{formatSize(r.size)}</span>
              <span className="badge badge-danger" data-testid="upload-status">
                {reasonLabel(r.code)}
              </span>
              {r.documentId ? (
                <DismissRejectedButton documentId={r.documentId} name={r.name} onDismissed={() => onDismiss(r.key)} />
              ) : (
                <button type="button" className="btn btn-secondary btn-small" aria-label={`Dismiss ${r.name}`} onClick={() => onDismiss(r.key)}>
                  Dismiss
                </button>
              )}
            </div>
            {r.message && (
              <div className="kn-upload-reason" data-testid="upload-reason">
                {r.message}
                {r.documentId && r.code === "DUPLICATE" && <DuplicateActions documentId={r.documentId} />}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
