import { parseInput } from "../forms/input";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { documentIdSchema, documentNameSchema, nameQuerySchema, type DocumentStatus, type ReviewDecision } from "./document-schemas";
import { enqueueJob } from "./queue/jobs";
import { requireScopeAccess, scopeColumns, type ScopeAccess, type ScopeInput } from "./scope";
import { removeStored, type StoredUpload } from "./storage";
import type { QualityReason } from "./quality";

export interface DocumentSummary {
  id: string;
  name: string;
  source: string;
  kind: string | null;
  sizeBytes: number;
  chunkCount: number;
  qualityScore: number | null;
  status: string;
  failureCode: string | null;
  failureMessage: string | null;
  duplicateOf: { id: string; name: string } | null;
  conflictWith: { id: string; name: string } | null;
  uploader: string | null;
  roomId: string | null;
  createdAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  mime: string | null;
  language: string | null;
  pageCount: number | null;
  tokenCount: number;
  qualityReasons: QualityReason[];
  prompt: string | null;
  /** The extracted text, cut at DETAIL_TEXT_CHARS for display. */
  text: string | null;
  textTruncated: boolean;
  canWrite: boolean;
  canReview: boolean;
}

const DETAIL_TEXT_CHARS = 200_000;
const LIST_LIMIT = 500;

const summarySelect = {
  id: true,
  name: true,
  source: true,
  kind: true,
  sizeBytes: true,
  chunkCount: true,
  qualityScore: true,
  status: true,
  failureCode: true,
  failureMessage: true,
  roomId: true,
  createdAt: true,
  duplicateOf: { select: { id: true, name: true } },
  conflictWith: { select: { id: true, name: true } },
  uploadedBy: { select: { name: true } },
} as const;

type SummaryRow = {
  [K in keyof Omit<DocumentSummary, "uploader" | "createdAt">]: DocumentSummary[K];
} & { createdAt: Date; uploadedBy: { name: string } | null };

function toSummary(row: SummaryRow): DocumentSummary {
  const { uploadedBy, createdAt, ...rest } = row;
  return { ...rest, uploader: uploadedBy?.name ?? null, createdAt: createdAt.toISOString() };
}

/** Records an uploaded file and queues its ingestion in one transaction. */
export async function createUploadedDocument(
  db: Db,
  input: { access: ScopeAccess; uploaderId: string; name: string; stored: StoredUpload; source?: string; prompt?: string },
): Promise<DocumentSummary> {
  if (!input.access.canWrite) throw new AppError("FORBIDDEN", "Viewers cannot add documents to this room.");
  const name = parseInput(documentNameSchema, input.name);
  return db.$transaction(async (tx) => {
    const doc = await tx.knowledgeDocument.create({
      data: {
        ...scopeColumns(input.access.scope),
        name,
        source: input.source ?? "upload",
        prompt: input.prompt ?? null,
        sizeBytes: input.stored.sizeBytes,
        storageKey: input.stored.storageKey,
        uploadedById: input.uploaderId,
      },
      select: summarySelect,
    });
    await enqueueJob(tx, doc.id);
    return toSummary(doc);
  });
}

/** Documents of one scope, newest first, optionally filtered by name. */
export async function listDocuments(
  db: Db,
  userId: string,
  scope: ScopeInput,
  filter: { nameQuery?: string; learned?: boolean } = {},
): Promise<DocumentSummary[]> {
  const access = await requireScopeAccess(db, userId, scope, "read");
  const nameQuery = parseInput(nameQuerySchema, filter.nameQuery ?? "");
  const rows = await db.knowledgeDocument.findMany({
    where: {
      ...scopeColumns(access.scope),
      ...(nameQuery && { name: { contains: nameQuery } }),
      ...(filter.learned !== undefined && { source: filter.learned ? { not: "upload" } : "upload" }),
    },
    orderBy: { createdAt: "desc" },
    take: LIST_LIMIT,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/** Documents of one scope the user may read, newest first, a page at a time (`cursor`: the last id of the page before). */
export async function listDocumentPage(
  db: Db,
  userId: string,
  input: { roomId?: string; status?: DocumentStatus; cursor?: string; limit: number },
): Promise<{ items: DocumentSummary[]; nextCursor: string | null }> {
  const access = await requireScopeAccess(db, userId, { roomId: input.roomId }, "read");
  const rows = await db.knowledgeDocument.findMany({
    where: { ...scopeColumns(access.scope), ...(input.status && { status: input.status }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor && { cursor: { id: input.cursor }, skip: 1 }),
    select: summarySelect,
  });
  const items = rows.slice(0, input.limit).map(toSummary);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}

/** The document and the reader's rights on it; NOT_FOUND when the user may not read it. */
export async function loadReadable(db: Db, userId: string, id: string) {
  const documentId = documentIdSchema.safeParse(id);
  const doc = documentId.success ? await db.knowledgeDocument.findUnique({ where: { id: documentId.data } }) : null;
  if (!doc || (doc.userId !== null && doc.userId !== userId)) throw new AppError("NOT_FOUND", "No such document.");
  const access = await requireScopeAccess(db, userId, { roomId: doc.roomId }, "read");
  return { doc, access };
}

export async function getDocument(db: Db, userId: string, id: string): Promise<DocumentDetail> {
  const { doc, access } = await loadReadable(db, userId, id);
  const row = await db.knowledgeDocument.findUniqueOrThrow({ where: { id: doc.id }, select: summarySelect });
  const text = doc.text === null ? null : doc.text.slice(0, DETAIL_TEXT_CHARS);
  return {
    ...toSummary(row),
    mime: doc.mime,
    language: doc.language,
    pageCount: doc.pageCount,
    tokenCount: doc.tokenCount,
    qualityReasons: JSON.parse(doc.qualityReasons) as QualityReason[],
    prompt: doc.prompt,
    text,
    textTruncated: doc.text !== null && doc.text.length > DETAIL_TEXT_CHARS,
    canWrite: access.canWrite,
    canReview: access.canReview,
  };
}

export interface ChunkView {
  id: number;
  ordinal: number;
  text: string;
  tokenCount: number;
  headingPath: string[];
  pageStart: number | null;
  pageEnd: number | null;
  lineStart: number | null;
  lineEnd: number | null;
}

export async function listChunks(db: Db, userId: string, documentId: string): Promise<ChunkView[]> {
  const { doc } = await loadReadable(db, userId, documentId);
  const chunks = await db.knowledgeChunk.findMany({
    where: { documentId: doc.id },
    orderBy: { ordinal: "asc" },
    select: { id: true, ordinal: true, text: true, tokenCount: true, headingPath: true, pageStart: true, pageEnd: true, lineStart: true, lineEnd: true },
  });
  return chunks.map((c) => ({ ...c, headingPath: JSON.parse(c.headingPath) as string[] }));
}

async function loadWritable(db: Db, userId: string, id: string) {
  const { doc, access } = await loadReadable(db, userId, id);
  if (!access.canWrite) throw new AppError("FORBIDDEN", "Only room owners and editors can change its knowledge.");
  return { doc, access };
}

/** Deletes a document: its chunks leave the search index in the same transaction, then its file goes. */
export async function deleteDocument(db: Db, userId: string, id: string, uploadsDir: string): Promise<void> {
  const { doc } = await loadWritable(db, userId, id);
  await db.knowledgeDocument.delete({ where: { id: doc.id } });
  await removeStored(uploadsDir, doc.storageKey);
}

/** Room owners approve (the document becomes searchable) or reject (its chunks leave the index). */
export async function reviewDocument(db: Db, userId: string, id: string, decision: ReviewDecision): Promise<void> {
  const { doc, access } = await loadReadable(db, userId, id);
  if (!access.canReview) throw new AppError("FORBIDDEN", "Only room owners can approve or reject documents.");
  if (doc.status !== "pending_approval") throw new AppError("CONFLICT", "This document is not waiting for approval.");
  const reviewed = { reviewedById: userId, reviewedAt: new Date() };
  if (decision === "approve") {
    await db.knowledgeDocument.update({ where: { id: doc.id }, data: { status: "ready", ...reviewed } });
    return;
  }
  await db.$transaction([
    db.knowledgeChunk.deleteMany({ where: { documentId: doc.id } }),
    db.knowledgeDocument.update({ where: { id: doc.id }, data: { status: "rejected", chunkCount: 0, ...reviewed } }),
  ]);
}

/** For a document refused as a duplicate: deletes the existing one and processes this one again. */
export async function replaceDuplicate(db: Db, userId: string, id: string, uploadsDir: string): Promise<void> {
  const { doc } = await loadWritable(db, userId, id);
  if (doc.failureCode !== "DUPLICATE" || !doc.duplicateOfId) throw new AppError("CONFLICT", "This document is not a duplicate.");
  const original = await db.knowledgeDocument.findUnique({ where: { id: doc.duplicateOfId } });
  await db.$transaction(async (tx) => {
    if (original) await tx.knowledgeDocument.delete({ where: { id: original.id } });
    await tx.knowledgeDocument.update({
      where: { id: doc.id },
      data: { status: "queued", failureCode: null, failureMessage: null, duplicateOfId: null },
    });
    await enqueueJob(tx, doc.id);
  });
  if (original) await removeStored(uploadsDir, original.storageKey);
}
