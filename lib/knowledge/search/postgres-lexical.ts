import type { Db } from "../../db/client";
import type { Clause, TermBound } from "./candidate-clauses";
import { rankPruned, type ChunkRanker, type PassBudgets, type RankedChunk } from "./pruned-ranking";
import { tsQueryLexeme } from "./query";
import type { ScopeIds } from "./scope-ids";

/** ts_rank weights for D, C, B, A: the body is A, the heading path B (half, as on SQLite). */
const RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}";

/**
 * ts_rank of one lexeme: Σ w_j / j² over its positions (plus a term for the heaviest), over π²/6.
 * One position weighs at most 1, so it gives at most 6/π²; up to 256 A and B positions stay below
 * 1.159 (a few B first). The slack absorbs ts_rank's single-precision rounding.
 */
export const ONCE_MAX = (6 / Math.PI ** 2) * (1 + 1e-6);
export const REPEATED_MAX = 1.17;

/** The lexeme the search vector adds for a lexeme found twice or more (migration knowledge_search_pruning). */
const REPEATED_SUFFIX = " 2";

/** Up to this many chunks in view, ranking all of the scope's matches is cheap: done when the passes find too few. */
const SMALL_SCOPE = 2000;

/** Scoring a chunk reads its vector from the heap (~5 µs), so passes stay small; the index does the rest. */
const POSTGRES_BUDGETS: PassBudgets = { all: 200, first: 200, second: 1000 };

interface LexemeStats {
  lexeme: string;
  chunks: number;
  repeatedChunks: number;
  total: number;
}

/**
 * The query's lexemes (PostgreSQL's english stemming and stopwords), with how many chunks hold each
 * once and twice or more, and how many chunks there are: counts kept exact by triggers.
 */
async function lexemeStats(db: Db, terms: readonly string[]): Promise<LexemeStats[]> {
  const rows = await db.$queryRawUnsafe<{ lexeme: string; chunks: number; repeatedChunks: number; total: number | null }[]>(
    `SELECT q."lexeme", coalesce(l."chunks", 0) AS "chunks", coalesce(r."chunks", 0) AS "repeatedChunks",
            (SELECT "chunks" FROM "knowledge_lexeme" WHERE "lexeme" = '') AS "total"
       FROM unnest(tsvector_to_array(to_tsvector('english', $1))) AS q("lexeme")
       LEFT JOIN "knowledge_lexeme" l ON l."lexeme" = q."lexeme"
       LEFT JOIN "knowledge_lexeme" r ON r."lexeme" = q."lexeme" || $2`,
    terms.join(" "),
    REPEATED_SUFFIX,
  );
  return rows.map((r) => ({ lexeme: r.lexeme, chunks: Number(r.chunks), repeatedChunks: Number(r.repeatedChunks), total: Number(r.total ?? 0) }));
}

async function scopeIsSmall(db: Db, scope: ScopeIds): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM "KnowledgeChunk" c JOIN "KnowledgeDocument" d ON d."id" = c."documentId"
      WHERE d."status" = 'ready' AND (d."userId" = $1 OR d."roomId" = $2) LIMIT $3) AS "inView"`,
    scope.userId,
    scope.roomId,
    SMALL_SCOPE + 1,
  );
  return Number(row!.n) <= SMALL_SCOPE;
}

/** The BM25 idf of Lucene: positive however common the lexeme. */
function idf(total: number, chunks: number): number {
  return Math.log(1 + (total - chunks + 0.5) / (chunks + 0.5));
}

function postgresRanker(db: Db, lexemes: readonly LexemeStats[], weights: readonly number[], scope: ScopeIds, demotionWeight: number): ChunkRanker {
  const params: unknown[] = [scope.userId, scope.roomId, demotionWeight];
  const score = lexemes
    .map((l, i) => {
      params.push(weights[i], tsQueryLexeme(l.lexeme));
      return `$${params.length - 1}::float8 * ts_rank('${RANK_WEIGHTS}', c."searchVector", $${params.length}::tsquery)`;
    })
    .join(" + ");
  const operand = ({ term, repeated }: Clause[number]) => tsQueryLexeme(lexemes[term]!.lexeme + (repeated ? REPEATED_SUFFIX : ""));
  /** The best `limit` in view among the chunks matching any of the tsqueries (passed after the other parameters). */
  async function best(tsqueries: string[], limit: number, fromScope: boolean): Promise<RankedChunk[]> {
    const first = params.length + 2;
    const matches = tsqueries.map((_, i) => `c."searchVector" @@ $${first + i}::tsquery`).join(" OR ");
    // Candidates are scored once, before the scope is joined: a planner unsure of the scope's
    // size could otherwise test every chunk of the scope against them. A small scope is read first.
    const scored = `SELECT c."id", c."documentId", (${score}) / (1 + $3 * c."demotion") AS score FROM "KnowledgeChunk" c WHERE ${matches}`;
    const rows = await db.$queryRawUnsafe<RankedChunk[]>(
      `WITH "scored" AS ${fromScope ? "NOT MATERIALIZED" : "MATERIALIZED"} (${scored})
       SELECT c."id" AS id, c.score
         FROM "scored" c
         JOIN "KnowledgeDocument" d ON d."id" = c."documentId"
        WHERE d."status" = 'ready' AND (d."userId" = $1 OR d."roomId" = $2)
        ORDER BY c.score DESC, c."id" ASC
        LIMIT $${params.length + 1}`,
      ...params,
      limit,
      ...tsqueries,
    );
    return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  }
  return {
    smallScope: () => scopeIsSmall(db, scope),
    // One index scan per clause: a conjunction lets GIN skip through the common lexemes' lists.
    rank: (clauses, limit) => best(clauses.map((clause) => clause.map(operand).join(" & ")), limit, false),
    rankAll: (limit, fromScope) => best([lexemes.map((l) => tsQueryLexeme(l.lexeme)).join(" | ")], limit, fromScope),
  };
}

/**
 * Σ idf × ts_rank per query lexeme, divided by the demotion factor, best `limit` in view. Unlike a
 * plain ts_rank, rare lexemes count more, and chunks holding only common ones need not be scored.
 */
export async function postgresLexicalSearch(db: Db, terms: readonly string[], scope: ScopeIds, limit: number, demotionWeight: number, budgets = POSTGRES_BUDGETS): Promise<RankedChunk[]> {
  const lexemes = (await lexemeStats(db, terms)).filter((l) => l.chunks > 0);
  if (lexemes.length === 0) return [];
  const total = lexemes[0]!.total;
  const weights = lexemes.map((l) => idf(total, l.chunks));
  const bounds: TermBound[] = lexemes.map((l, i) => ({
    chunks: l.chunks,
    repeatedChunks: l.repeatedChunks,
    once: weights[i]! * ONCE_MAX,
    repeated: weights[i]! * REPEATED_MAX,
  }));
  return rankPruned(bounds, total, postgresRanker(db, lexemes, weights, scope, demotionWeight), limit, budgets);
}
