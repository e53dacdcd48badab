import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { documentIdSchema } from "./document-schemas";
import { getDocument, type DocumentDetail } from "./documents";

export interface ReadyDocument {
  id: string;
  name: string;
  mime: string | null;
  sizeBytes: number;
  /** null for the user's personal knowledge. */
  roomId: string | null;
  updatedAt: string;
}

export interface ReadyDocumentPage {
  items: ReadyDocument[];
  nextCursor: string | null;
}

/**
 * The ready documents a user's answers may cite, across every scope they read: their personal
 * knowledge and the knowledge of each room they are a member of. Newest first, `limit` at a time.
 */
export async function listReadyDocuments(db: Db, userId: string, page: { cursor?: string; limit: number }): Promise<ReadyDocumentPage> {
  const cursor = page.cursor === undefined ? undefined : documentIdSchema.safeParse(page.cursor);
  if (cursor && !cursor.success) throw new AppError("VALIDATION_FAILED", "cursor: is not a valid cursor");
  const rooms = await db.roomMember.findMany({ where: { userId }, select: { roomId: true } });
  const rows = await db.knowledgeDocument.findMany({
    where: { status: "ready", OR: [{ userId, roomId: null }, { roomId: { in: rooms.map((r) => r.roomId) } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    ...(cursor?.data !== undefined && { cursor: { id: cursor.data }, skip: 1 }),
    select: { id: true, name: true, mime: true, sizeBytes: true, roomId: true, updatedAt: true },
  });
  const items = rows.slice(0, page.limit).map(({ updatedAt, ...row }) => ({ ...row, updatedAt: updatedAt.toISOString() }));
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}

/** A ready document with its extracted text (cut as the document page cuts it); NOT_FOUND when unreadable or not ready. */
export async function readReadyDocument(db: Db, userId: string, id: string): Promise<DocumentDetail> {
  const doc = await getDocument(db, userId, id);
  if (doc.status !== "ready") throw new AppError("NOT_FOUND", `"${doc.name}" is not ready (its status is ${doc.status}).`, { status: doc.status });
  return doc;
}
