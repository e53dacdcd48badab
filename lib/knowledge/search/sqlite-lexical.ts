import type { Db } from "../../db/client";
import type { Clause, TermBound } from "./candidate-clauses";
import { rankPruned, type ChunkRanker, type PassBudgets, type RankedChunk } from "./pruned-ranking";
import { fts5Phrase, fts5Query } from "./query";
import type { ScopeIds } from "./scope-ids";

/** FTS5's bm25 constant: a term adds idf × f(k1+1) / (f + k1 × length factor), always below idf × (k1+1). */
const BM25_K1 = 1.2;

/**
 * Each pass costs FTS5 a walk over every query term's chunks (bm25 counts them), about what ranking
 * 12k matches costs: so fewer matches are all ranked, and more get one generous pass, sized on
 * bench/knowledge's corpus (its README has the figures).
 */
const SQLITE_BUDGETS: PassBudgets = { all: 12_000, first: 3000, second: 3000 };

/** Every match is ranked by bm25 inside FTS5, which keeps the best this many to join with the scope. */
const WINDOW = 200;

/** FTS5's idf: never below a millionth, so terms in most chunks add next to nothing. */
function fts5Idf(total: number, chunks: number): number {
  const idf = Math.log((total - chunks + 0.5) / (chunks + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/** How many chunks hold each term (FTS5 matching, so stemming agrees). */
async function termCounts(db: Db, terms: readonly string[]): Promise<number[]> {
  const counts = terms.map((_, i) => `(SELECT count(*) FROM "knowledge_chunk_fts" WHERE "knowledge_chunk_fts" MATCH ?) AS "t${i}"`);
  const [row] = await db.$queryRawUnsafe<Record<string, number | bigint>[]>(`SELECT ${counts.join(", ")}`, ...terms.map(fts5Phrase));
  return terms.map((_, i) => Number(row![`t${i}`]));
}

function clauseQuery(terms: readonly string[], clauses: readonly Clause[]): string {
  return clauses.map((clause) => `(${clause.map(({ term }) => fts5Phrase(terms[term]!)).join(" AND ")})`).join(" OR ");
}

const BM25 = `bm25("knowledge_chunk_fts", 1.0, 0.5)`;
const MATCHING = `FROM "knowledge_chunk_fts" WHERE "knowledge_chunk_fts" MATCH ?`;

/**
 * bm25 over the whole query for the chunks in `candidates` (a subquery of chunk ids), which must
 * not reach FTS5 as a rowid constraint (hence the +): FTS5 would run the query once per id,
 * counting every term's chunks each time. FTS5 still walks every match of the query.
 */
function scoredAmong(candidates: string): string {
  return `"scored" AS MATERIALIZED (SELECT "rowid" AS id, -${BM25} AS score ${MATCHING} AND +"rowid" IN (${candidates}))`;
}

/**
 * bm25 over the whole query for the chunks holding any of some terms, walking only those: FTS5
 * scores "(some) AND (all)" as the terms of both parts, so the first part, scored alone, is
 * taken off again. Both are materialized: joined directly, FTS5 would run one of them per row.
 */
const SCORED_BY_DIFFERENCE = `"both" AS MATERIALIZED (SELECT "rowid" AS id, -${BM25} AS score ${MATCHING}),
  "some" AS MATERIALIZED (SELECT "rowid" AS id, -${BM25} AS score ${MATCHING}),
  "scored" AS (SELECT b.id, b.score - s.score AS score FROM "both" b JOIN "some" s ON s.id = b.id)`;

/** The best chunks in view among those the CTEs' "scored" (id, score) holds, demotions applied. */
function bestInView(ctes: string, columns = ""): string {
  return `WITH ${ctes}
     SELECT c."id" AS id, s.score / (1 + ? * c."demotion") AS score${columns}
       FROM "scored" s
       JOIN "KnowledgeChunk" c ON c."id" = s.id
       JOIN "KnowledgeDocument" d ON d."id" = c."documentId"
      WHERE d."status" = 'ready' AND (d."userId" = ? OR d."roomId" = ?)
      ORDER BY score DESC, c."id" ASC
      LIMIT ?`;
}

const IDS_IN_VIEW = `SELECT c."id" FROM "KnowledgeChunk" c JOIN "KnowledgeDocument" d ON d."id" = c."documentId"
  WHERE d."status" = 'ready' AND (d."userId" = ? OR d."roomId" = ?)`;

/** Up to this many chunks in view, ranking all of the scope's matches is cheap: done when the passes find too few. */
const SMALL_SCOPE = 2000;

async function scopeIsSmall(db: Db, scope: ScopeIds): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM (${IDS_IN_VIEW} LIMIT ?)`, scope.userId, scope.roomId, SMALL_SCOPE + 1);
  return Number(row!.n) <= SMALL_SCOPE;
}

function ranked(rows: RankedChunk[]): RankedChunk[] {
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
}

function sqliteRanker(db: Db, terms: readonly string[], scope: ScopeIds, demotionWeight: number): ChunkRanker {
  const everyTerm = fts5Query(terms);
  const tail = [demotionWeight, scope.userId, scope.roomId];
  const query = (ctes: string, ...params: unknown[]) => db.$queryRawUnsafe<RankedChunk[]>(bestInView(ctes), ...params);
  return {
    smallScope: () => scopeIsSmall(db, scope),
    async rankAll(limit, fromScope) {
      const fromTheScope = async () => ranked(await query(scoredAmong(IDS_IN_VIEW), everyTerm, scope.userId, scope.roomId, ...tail, limit));
      if (fromScope) return fromTheScope();
      // The best raw scores first, with how many there are and the lowest: when the k-th in view
      // (demotions only lower scores) is above it, no match outside the window could rank.
      const window = Math.max(WINDOW, limit * 20);
      const best = await db.$queryRawUnsafe<(RankedChunk & { matches: number | bigint; lowest: number })[]>(
        bestInView(
          `"scored" AS MATERIALIZED (SELECT "rowid" AS id, -${BM25} AS score ${MATCHING} ORDER BY ${BM25} LIMIT ?)`,
          `, (SELECT count(*) FROM "scored") AS matches, (SELECT min(score) FROM "scored") AS lowest`,
        ),
        everyTerm,
        window,
        ...tail,
        limit,
      );
      const complete = best.length > 0 && Number(best[0]!.matches) < window;
      if (complete || (best.length >= limit && best[limit - 1]!.score > best[0]!.lowest)) return ranked(best);
      if (await scopeIsSmall(db, scope)) return fromTheScope();
      return ranked(await query(`"scored" AS MATERIALIZED (SELECT "rowid" AS id, -${BM25} AS score ${MATCHING})`, everyTerm, ...tail, limit));
    },
    async rank(clauses, limit) {
      if (clauses.every((clause) => clause.length === 1)) {
        const some = clauseQuery(terms, clauses);
        return ranked(await query(SCORED_BY_DIFFERENCE, `(${some}) AND (${everyTerm})`, some, ...tail, limit));
      }
      return ranked(await query(scoredAmong(`SELECT "rowid" ${MATCHING}`), everyTerm, clauseQuery(terms, clauses), ...tail, limit));
    },
  };
}

/** FTS5 bm25 (body 1.0, heading path 0.5), divided by the demotion factor, best `limit` in view. */
export async function sqliteLexicalSearch(db: Db, terms: readonly string[], scope: ScopeIds, limit: number, demotionWeight: number, budgets = SQLITE_BUDGETS): Promise<RankedChunk[]> {
  const [size] = await db.$queryRawUnsafe<{ total: number | bigint }[]>(`SELECT count(*) AS total FROM "KnowledgeChunk"`);
  const total = Number(size!.total);
  // So few chunks in all that counting each term's would cost more than it spares.
  if (total <= budgets.all) return sqliteRanker(db, terms, scope, demotionWeight).rankAll(limit, false);
  const chunks = await termCounts(db, terms);
  const found = terms.map((term, i) => ({ term, chunks: chunks[i]! })).filter((t) => t.chunks > 0);
  if (found.length === 0) return [];
  // The slack absorbs rounding: a bound must never fall below the score FTS5 computes.
  const bounds: TermBound[] = found.map((t) => ({ chunks: t.chunks, repeatedChunks: 0, once: fts5Idf(total, t.chunks) * (BM25_K1 + 1) * (1 + 1e-9), repeated: 0 }));
  const ranker = sqliteRanker(db, found.map((t) => t.term), scope, demotionWeight);
  return rankPruned(bounds, total, ranker, limit, budgets);
}
