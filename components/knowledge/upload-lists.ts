import type { DocumentSummary } from "@/lib/knowledge/documents";
import type { RejectedUpload } from "./rejected-uploads";
import { isActive } from "./status-labels";
import type { UploadItem } from "./upload-row";

/**
 * Splits this browser's uploads and the scope's documents into the files still on their way in
 * (a settled file leaves: the table lists it) and the refused ones. Document states come only
 * from `documents`, the list the table shows.
 */
export function partitionUploads(items: UploadItem[], documents: DocumentSummary[]) {
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  const inFlight: { item: UploadItem; doc: DocumentSummary | undefined }[] = [];
  const rejected: RejectedUpload[] = [];
  for (const item of items) {
    const doc = item.documentId ? byId.get(item.documentId) : undefined;
    if (item.phase === "failed") {
      rejected.push({ key: `u${item.key}`, name: item.path, size: item.size, code: item.failureCode ?? null, message: item.failureMessage ?? null });
    } else if (!doc || isActive(doc.status)) {
      inFlight.push({ item, doc });
    }
  }
  for (const doc of documents) {
    if (doc.status !== "failed") continue;
    rejected.push({ key: `d${doc.id}`, name: doc.name, size: doc.sizeBytes, code: doc.failureCode, message: doc.failureMessage, documentId: doc.id });
  }
  return { inFlight, rejected };
}
