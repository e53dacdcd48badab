import { requireScope, type Principal } from "../auth/principal";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { parseInput } from "../forms/input";
import { documentIdSchema } from "../knowledge/document-schemas";
import { deleteDocument, getDocument, listDocumentPage, type DocumentSummary } from "../knowledge/documents";
import { requireScopeAccess } from "../knowledge/scope";
import type { Embedder } from "../knowledge/search/embeddings";
import { searchPassages } from "../knowledge/search/passages";
import { uploadDocument, type UploadDeps, type UploadRequest } from "../knowledge/upload";
import { citationOfPassage, type ApiCitation } from "./citations";
import { listDocumentsQuerySchema, searchQuerySchema, type DocumentDto } from "./knowledge-schemas";
import type { Page } from "./page";

/** What the knowledge routes (/api/v1/knowledge/…) do once they know the caller. */

function documentDto(doc: DocumentSummary): DocumentDto {
  return {
    id: doc.id,
    name: doc.name,
    status: doc.status as DocumentDto["status"],
    error: doc.failureMessage,
    errorCode: doc.failureCode,
    sizeBytes: doc.sizeBytes,
    chunkCount: doc.chunkCount,
    kind: doc.kind,
    source: doc.source,
    roomId: doc.roomId,
    uploader: doc.uploader,
    createdAt: doc.createdAt,
  };
}

function documentIdOf(raw: string): string {
  const parsed = documentIdSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such document.");
  return parsed.data;
}

/** POST /api/v1/knowledge/documents: the knowledge page's upload (same limits, quota and room rights); scope `knowledge:write`. */
export async function uploadDocumentEndpoint(deps: UploadDeps, principal: Principal, request: UploadRequest): Promise<{ document: DocumentDto }> {
  requireScope(principal, "knowledge:write");
  return { document: documentDto(await uploadDocument(deps, principal.user.id, request)) };
}

/** GET /api/v1/knowledge/documents: one scope's documents, newest first; scope `knowledge:read`. */
export async function listDocumentsEndpoint(db: Db, principal: Principal, query: Record<string, string>): Promise<Page<DocumentDto>> {
  requireScope(principal, "knowledge:read");
  const input = parseInput(listDocumentsQuerySchema, query);
  const page = await listDocumentPage(db, principal.user.id, { ...input, cursor: input.cursor && documentIdOf(input.cursor) });
  return { items: page.items.map(documentDto), nextCursor: page.nextCursor };
}

/** GET /api/v1/knowledge/documents/:id: a document and its ingestion status; NOT_FOUND unless the caller may read it. */
export async function readDocumentEndpoint(db: Db, principal: Principal, rawId: string): Promise<DocumentDto> {
  requireScope(principal, "knowledge:read");
  return documentDto(await getDocument(db, principal.user.id, documentIdOf(rawId)));
}

/** DELETE /api/v1/knowledge/documents/:id: its passages leave the index at once; scope `knowledge:write`. */
export async function deleteDocumentEndpoint(deps: Pick<UploadDeps, "db" | "uploadsDir">, principal: Principal, rawId: string): Promise<void> {
  requireScope(principal, "knowledge:write");
  await deleteDocument(deps.db, principal.user.id, documentIdOf(rawId), deps.uploadsDir);
}

export interface SearchDeps {
  db: Db;
  /** Set when KNOWLEDGE_EMBEDDING_MODEL is: passages are then also found by meaning. */
  embedder?: Embedder;
}

/** GET /api/v1/knowledge/search: the chat's retrieval over the caller's (and the room's) ready documents; scope `knowledge:read`. */
export async function searchKnowledgeEndpoint(
  deps: SearchDeps,
  principal: Principal,
  query: Record<string, string>,
): Promise<{ items: { text: string; score: number; citation: ApiCitation }[] }> {
  requireScope(principal, "knowledge:read");
  const { q, roomId, limit } = parseInput(searchQuerySchema, query);
  // A room the caller is not in is NOT_FOUND here, as everywhere, rather than silently left out.
  if (roomId) await requireScopeAccess(deps.db, principal.user.id, { roomId }, "read");
  const hits = await searchPassages(deps.db, { userId: principal.user.id, roomId: roomId ?? null, question: q }, { limit, embedder: deps.embedder });
  return { items: hits.map((hit) => ({ text: hit.text, score: hit.score, citation: citationOfPassage(hit) })) };
}
