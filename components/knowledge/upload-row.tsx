"use client";

import type { DocumentSummary } from "@/lib/knowledge/documents";
import Link from "next/link";
import { DuplicateActions } from "./document-actions";
import { badgeClass, formatSize, reasonLabel, stageProgress, statusLabel } from "./status-labels";

export interface UploadItem {
  key: number;
  path: string;
  size: number;
  sent: number;
  phase: "waiting" | "uploading" | "processing" | "failed";
  document?: DocumentSummary;
  failureCode?: string;
  failureMessage?: string;
}

/** One file's live progress: upload bytes, then ingestion stages, then ready or the failure reason. */
export function UploadRow({ item, onReplaced }: { item: UploadItem; onReplaced: () => void }) {
  const doc = item.document;
  const status = item.phase === "failed" ? "failed" : doc ? doc.status : item.phase === "waiting" ? "waiting" : "uploading";
  const failureCode = doc?.failureCode ?? item.failureCode ?? null;
  const failureMessage = doc?.failureMessage ?? item.failureMessage ?? null;
  const fraction = status === "uploading" ? (item.size > 0 ? item.sent / item.size : 1) : doc ? stageProgress(doc.status) : 0;
  const label =
    status === "uploading"
      ? `Uploading ${formatSize(item.sent)} of ${formatSize(item.size)}`
      : status === "waiting"
        ? "Waiting"
        : status === "failed"
          ? reasonLabel(failureCode)
          : statusLabel(status);
  return (
    <li className="kn-upload" data-testid="upload-item" data-status={status} data-name={item.path}>
      <div className="kn-upload-head">
        <span className="kn-upload-name" title={item.path}>
          {doc && !["failed", "queued"].includes(doc.status) ? <Link href={`/knowledge/documents/${doc.id}`}>{item.path}</Link> : item.path}
        </span>
        <span className="muted kn-upload-size">{formatSize(item.size)}</span>
        <span className={status === "uploading" || status === "waiting" ? "badge kn-badge-active" : badgeClass(status)} data-testid="upload-status">
          {label}
        </span>
      </div>
      {status !== "failed" && status !== "ready" && status !== "pending_approval" && (
        <div className="kn-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
          <div className="kn-progress-bar" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      )}
      {status === "failed" && failureMessage && (
        <div className="kn-upload-reason" data-testid="upload-reason">
          {failureMessage}
          {doc && failureCode === "DUPLICATE" && <DuplicateActions documentId={doc.id} onReplaced={onReplaced} />}
        </div>
      )}
      {doc?.conflictWith && <div className="kn-upload-conflict">Possible conflict with “{doc.conflictWith.name}”: nearly the same text, with differences.</div>}
    </li>
  );
}
