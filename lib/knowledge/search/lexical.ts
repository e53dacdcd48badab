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
 * How many of the best FTS5 matches across all scopes are ranked by scope and demotion. Ranking
 * inside FTS5 with a LIMIT lets it keep a small heap instead of joining every match (50k chunks:
 * p95 95 → 36 ms). Scope and demotion then order the window; a match outside it could only
 * have displaced a demoted passage.
 */
const FTS_CANDIDATES = 200;

async function sqliteSearch(
  db: Db,
  match: string,
  scope: { userId: string | null; roomId: string | null },
  window: number,
  limit: number,
): Promise<{ id: number | bigint; score: number }[]> {
  return db.$queryRawUnsafe<{ id: number | bigint; score: number }[]>(
    `WITH "top" AS (
       SELECT "rowid" AS id, bm25("knowledge_chunk_fts", 1.0, 0.5) AS rank
         FROM "knowledge_chunk_fts"
        WHERE "knowledge_chunk_fts" MATCH ?
        ORDER BY rank
        LIMIT ?
     )
     SELECT c."id" AS id, -"top".rank / (1 + ${DEMOTION_WEIGHT} * c."demotion") AS score
       FROM "top"
       JOIN "KnowledgeChunk" c ON c."id" = "top".id
       JOIN "KnowledgeDocument" d ON d."id" = c."documentId"
      WHERE d."status" = 'ready' AND (d."userId" = ? OR d."roomId" = ?)
      ORDER BY score DESC, c."id" ASC
      LIMIT ?`,
    match,
    window,
    scope.userId,
    scope.roomId,
    limit,
  );
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
  const window = Math.max(FTS_CANDIDATES, limit * 20);
  const ranked = await sqliteSearch(db, fts5Query(terms), { userId, roomId }, window, limit);
  // Too few of the best matches were in view (the scopes hold a small part of the index): rank all.
  const rows = ranked.length < limit ? await sqliteSearch(db, fts5Query(terms), { userId, roomId }, -1, limit) : ranked;
  return rows.map((r) => ({ chunkId: Number(r.id), score: Number(r.score) }));
}
