import { dbProvider, type Db } from "../../db/client";
import type { KnowledgeScope } from "../scope";
import { postgresLexicalSearch } from "./postgres-lexical";
import { searchTerms } from "./query";
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
 * Full-text search over the ready (approved) chunks of the given scopes: FTS5 bm25 on SQLite,
 * idf-weighted ts_rank on PostgreSQL. Both score only the chunks that could rank (see
 * pruned-ranking.ts). Demoted passages rank lower.
 */
export async function lexicalSearch(db: Db, scopes: readonly KnowledgeScope[], question: string, limit: number): Promise<LexicalHit[]> {
  const terms = searchTerms(question);
  if (terms.length === 0 || scopes.length === 0) return [];
  const search = dbProvider(db) === "postgresql" ? postgresLexicalSearch : sqliteLexicalSearch;
  const rows = await search(db, terms, scopeIds(scopes), limit, DEMOTION_WEIGHT);
  return rows.map((r) => ({ chunkId: r.id, score: r.score }));
}
