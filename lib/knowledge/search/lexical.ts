import { dbProvider, type Db } from "../../db/client";
import type { KnowledgeScope } from "../scope";
import { fts5Query, searchTerms, tsQuery } from "./query";

/** How much each thumbs-down citation lowers a passage: its score is divided by 1 + weight × demotions. */
export const DEMOTION_WEIGHT = 0.5;

export interface LexicalHit {
  chunkId: number;
  /** Higher is better, comparable only within one result list. */
  score: number;
}

/** The scopes in view: the user's personal knowledge and at most one room. */
function scopeIds(scopes: readonly KnowledgeScope[]): { userId: string | null; roomId: string | null } {
  let userId: string | null = null;
  let roomId: string | null = null;
  for (const scope of scopes) {
    if (scope.kind === "personal") userId = scope.userId;
    else roomId = scope.roomId;
  }
  return { userId, roomId };
}

/**
 * Full-text search over the ready (approved) chunks of the given scopes: FTS5 bm25 on SQLite,
 * ts_rank over the GIN-indexed tsvector on PostgreSQL. Demoted passages rank lower.
 */
export async function lexicalSearch(db: Db, scopes: readonly KnowledgeScope[], question: string, limit: number): Promise<LexicalHit[]> {
  const terms = searchTerms(question);
  if (terms.length === 0 || scopes.length === 0) return [];
  const { userId, roomId } = scopeIds(scopes);
  if (dbProvider(db) === "postgresql") {
    const rows = await db.$queryRawUnsafe<{ id: number; score: number }[]>(
      `SELECT c."id" AS id, (ts_rank(c."searchVector", q) / (1 + ${DEMOTION_WEIGHT} * c."demotion"))::float8 AS score
         FROM "KnowledgeChunk" c
         JOIN "KnowledgeDocument" d ON d."id" = c."documentId",
         to_tsquery('english', $1) q
        WHERE c."searchVector" @@ q AND d."status" = 'ready' AND (d."userId" = $2 OR d."roomId" = $3)
        ORDER BY score DESC, c."id" ASC
        LIMIT $4`,
      tsQuery(terms),
      userId,
      roomId,
      limit,
    );
    return rows.map((r) => ({ chunkId: Number(r.id), score: Number(r.score) }));
  }
  const rows = await db.$queryRawUnsafe<{ id: number | bigint; score: number }[]>(
    `SELECT c."id" AS id, -bm25("knowledge_chunk_fts", 1.0, 0.5) / (1 + ${DEMOTION_WEIGHT} * c."demotion") AS score
       FROM "knowledge_chunk_fts"
       JOIN "KnowledgeChunk" c ON c."id" = "knowledge_chunk_fts"."rowid"
       JOIN "KnowledgeDocument" d ON d."id" = c."documentId"
      WHERE "knowledge_chunk_fts" MATCH ? AND d."status" = 'ready' AND (d."userId" = ? OR d."roomId" = ?)
      ORDER BY score DESC, c."id" ASC
      LIMIT ?`,
    fts5Query(terms),
    userId,
    roomId,
    limit,
  );
  return rows.map((r) => ({ chunkId: Number(r.id), score: Number(r.score) }));
}
