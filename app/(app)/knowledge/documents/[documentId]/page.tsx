import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { AutoRefresh } from "@/components/knowledge/auto-refresh";
import { ChunkList } from "@/components/knowledge/chunk-list";
import { DeleteButton, DuplicateActions, ReviewButtons } from "@/components/knowledge/document-actions";
import { badgeClass, formatSize, isActive, reasonLabel, statusLabel } from "@/components/knowledge/status-labels";
import "@/components/knowledge/knowledge.css";
import { getDocument, listChunks } from "@/lib/knowledge/documents";
import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "../../load-or-404";

export const metadata: Metadata = { title: "Document" };

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const user = await requireUser();
  const { documentId } = await params;
  const db = await getDb();
  const doc = await orNotFound(() => getDocument(db, user.id, documentId));
  const chunks = await listChunks(db, user.id, doc.id);
  const back = doc.roomId ? `/knowledge?room=${encodeURIComponent(doc.roomId)}` : "/knowledge";
  return (
    <div className="kn-page">
      <p className="kn-crumbs">
        <Link href={back}>← Knowledge</Link>
      </p>
      <div className="page-head kn-head">
        <div>
          <h1 className="kn-title">{doc.name}</h1>
          <p>
            <span className={badgeClass(doc.status)} data-testid="document-status">
              {doc.status === "failed" ? reasonLabel(doc.failureCode) : statusLabel(doc.status)}
            </span>{" "}
            {doc.kind ?? "unknown type"} · {formatSize(doc.sizeBytes)} · {doc.chunkCount} {doc.chunkCount === 1 ? "chunk" : "chunks"} · {doc.tokenCount} tokens
            {doc.pageCount !== null && ` · ${doc.pageCount} pages`} · added by {doc.uploader ?? "—"}
          </p>
        </div>
        <span className="row-actions">
          <a className="btn btn-secondary btn-small" href={`/api/knowledge/documents/${doc.id}/file`} download>
            Download original
          </a>
          {doc.canReview && doc.status === "pending_approval" && <ReviewButtons documentId={doc.id} />}
          {doc.canWrite && <DeleteButton documentId={doc.id} name={doc.name} redirectTo={back} />}
        </span>
      </div>
      {doc.status === "failed" && (
        <div className="alert alert-error">
          {doc.failureMessage}
          {doc.failureCode === "DUPLICATE" && doc.duplicateOf && (
            <div className="kn-alert-actions">
              Existing document: <Link href={`/knowledge/documents/${doc.duplicateOf.id}`}>{doc.duplicateOf.name}</Link>
              {doc.canWrite && <DuplicateActions documentId={doc.id} />}
            </div>
          )}
        </div>
      )}
      {doc.conflictWith && (
        <div className="alert alert-info">
          Possible conflict: this text is nearly the same as <Link href={`/knowledge/documents/${doc.conflictWith.id}`}>{doc.conflictWith.name}</Link> but
          differs. Check which one is right and delete the other.
        </div>
      )}
      {doc.qualityScore !== null && (
        <section className="card">
          <h2>
            Quality <span className="kn-score">{doc.qualityScore}</span>
            <span className="muted"> / 100</span>
          </h2>
          {doc.qualityReasons.length === 0 ? (
            <p className="muted">Clean text: nothing was taken off.</p>
          ) : (
            <ul className="kn-reasons">
              {doc.qualityReasons.map((r) => (
                <li key={r.issue}>
                  {r.message} <span className="muted">(−{r.penalty})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {doc.prompt && (
        <section className="card">
          <h2>Question this answers</h2>
          <p>{doc.prompt}</p>
        </section>
      )}
      <div className="kn-columns">
        <section className="card kn-text-card">
          <h2>Extracted text</h2>
          {doc.text === null ? <p className="muted">No text extracted yet.</p> : <pre className="kn-text" data-testid="extracted-text" aria-label="Extracted text" tabIndex={0}>{doc.text}</pre>}
          {doc.textTruncated && <p className="muted">The text is cut here; the chunks hold all of it.</p>}
        </section>
        <section className="card kn-chunks-card">
          <h2>
            Chunks <span className="muted">({chunks.length})</span>
          </h2>
          <ChunkList chunks={chunks} />
        </section>
      </div>
      <AutoRefresh active={isActive(doc.status)} />
    </div>
  );
}
