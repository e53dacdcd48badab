"use client";

import type { DocumentSummary } from "@/lib/knowledge/documents";
import { badgeClass, formatSize, stageProgress, statusLabel } from "./status-labels";

export interface UploadItem {
  key: number;
  path: string;
  size: number;
  sent: number;
  phase: "waiting" | "uploading" | "uploaded" | "failed";
  /** The document the server created, as the upload's response described it. */
  documentId?: string;
  failureCode?: string;
  failureMessage?: string;
}

/**
 * One file on its way in: upload bytes, then the ingestion stage of its document — read from the same
 * document list the table below shows, so both always say the same.
 */
export function UploadRow({ item, doc }: { item: UploadItem; doc: DocumentSummary | undefined }) {
  const status = doc ? doc.status : item.phase;
  const fraction = item.phase === "uploading" ? (item.size > 0 ? item.sent / item.size : 1) : doc ? stageProgress(doc.status) : 0;
  const label =
    item.phase === "uploading" ? `Uploading ${formatSize(item.sent)} of ${formatSize(item.size)}` : doc ? statusLabel(doc.status) : item.phase === "waiting" ? "Waiting" : "Queued";
  return (
    <li className="kn-upload" data-testid="upload-item" data-status={status} data-name={item.path}>
      <div className="kn-upload-head">
        <span className="kn-upload-name" title={item.path}>
          {item.path}
        </span>
        <span className="muted kn-upload-size">{formatSize(item.size)}</span>
        <span className={doc ? badgeClass(doc.status) : "badge kn-badge-active"} data-testid="upload-status">
          {label}
        </span>
      </div>
      <div className="kn-progress" role="progressbar" aria-label={`${item.path} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="kn-progress-bar" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
    </li>
  );
}
