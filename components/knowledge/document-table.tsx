import type { DocumentSummary } from "@/lib/knowledge/documents";
import Link from "next/link";
import { DeleteButton, ReviewButtons } from "./document-actions";
import { badgeClass, formatSize, reasonLabel, statusLabel } from "./status-labels";
import { TableScroll } from "../ui/table-scroll";

function StatusCell({ doc }: { doc: DocumentSummary }) {
  return (
    <>
      <span className={badgeClass(doc.status)} data-testid="document-status">
        {doc.status === "failed" ? reasonLabel(doc.failureCode) : statusLabel(doc.status)}
      </span>
      {doc.status === "failed" && doc.failureMessage && <div className="kn-cell-note">{doc.failureMessage}</div>}
      {doc.conflictWith && (
        <div className="kn-cell-note kn-conflict">
          Possible conflict with <Link href={`/knowledge/documents/${doc.conflictWith.id}`}>{doc.conflictWith.name}</Link>
        </div>
      )}
    </>
  );
}

/** The documents of one scope with their ingestion status, quality and actions. */
export function DocumentTable({ documents, canWrite, canReview, empty }: { documents: DocumentSummary[]; canWrite: boolean; canReview: boolean; empty: string }) {
  if (documents.length === 0) return <p className="muted kn-empty">{empty}</p>;
  return (
    <TableScroll label="Documents">
      <table className="kn-table" data-testid="document-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th className="kn-num">Size</th>
            <th className="kn-num">Chunks</th>
            <th className="kn-num">Quality</th>
            <th>Status</th>
            <th>Added by</th>
            <th>
                <span className="sr-only">Actions</span>
              </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((doc) => (
            <tr key={doc.id} data-testid="document-row" data-name={doc.name}>
              <td className="kn-name">
                <Link href={`/knowledge/documents/${doc.id}`}>{doc.name}</Link>
                {doc.source !== "upload" && <span className="badge kn-badge-learned">{doc.source === "correction" ? "correction" : "saved answer"}</span>}
              </td>
              <td>{doc.kind ?? "—"}</td>
              <td className="kn-num">{formatSize(doc.sizeBytes)}</td>
              <td className="kn-num">{doc.chunkCount}</td>
              <td className="kn-num">{doc.qualityScore ?? "—"}</td>
              <td>
                <StatusCell doc={doc} />
              </td>
              <td>{doc.uploader ?? "—"}</td>
              <td>
                <span className="row-actions">
                  {canReview && doc.status === "pending_approval" && <ReviewButtons documentId={doc.id} />}
                  {canWrite && <DeleteButton documentId={doc.id} name={doc.name} />}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
