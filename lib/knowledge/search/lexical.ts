import { dbProvider, type Db } from "../../db/client";
import type { KnowledgeScope } from "../scope";
import { searchTerms, tsQuery } from "./query";
import { scopeIds } from "./scope-ids";
import { sqliteLexicalSearch } from "./sqlite-lexical";

/** How much each thumbs-down citation lowers a passage: its score is divided by 1 + weight × demotions. */
export const DEMOTION_WEIGHT = 0.5;

export interface LexicalHit {
  chunkId: number;
  /** Higher is better, comparable only within one result list. */
  score: number;
}

/**
 * Full-text search over the ready (approved) chunks of the given scopes: FTS5 bm25 on SQLite, which
 * scores only the chunks that could rank (see pruned-ranking.ts), ts_rank over the GIN-indexed
 * tsvector on PostgreSQL. Demoted passages rank lower.
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
  const rows = await sqliteLexicalSearch(db, terms, { userId, roomId }, limit, DEMOTION_WEIGHT);
  return rows.map((r) => ({ chunkId: r.id, score: r.score }));
}
