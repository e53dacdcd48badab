import type { Db } from "../db/client";
import { emitWebhookEvent } from "../webhooks/emit";

interface DocumentFacts {
  id: string;
  name: string;
  roomId: string | null;
  userId: string | null;
}

/** `document.ready`: the document became searchable (processed, or approved by a room owner). */
export function emitDocumentReady(db: Db, doc: DocumentFacts, chunkCount: number): Promise<number> {
  return emitWebhookEvent(db, {
    type: "document.ready",
    roomId: doc.roomId,
    data: { documentId: doc.id, name: doc.name, roomId: doc.roomId, userId: doc.userId, status: "ready", chunkCount },
  });
}

/** `document.failed`: processing refused the document, with the reason its uploader sees. */
export function emitDocumentFailed(db: Db, doc: DocumentFacts, failureCode: string, failureMessage: string): Promise<number> {
  return emitWebhookEvent(db, {
    type: "document.failed",
    roomId: doc.roomId,
    data: { documentId: doc.id, name: doc.name, roomId: doc.roomId, userId: doc.userId, failureCode, failureMessage },
  });
}
