import { coveringClauses, expectedMatches, thresholdForBudget, type Clause, type TermBound } from "./candidate-clauses";

export interface RankedChunk {
  id: number;
  /** Higher is better; at most the sum of the bounds of the terms the chunk holds. */
  score: number;
}

/** One engine's ranking of the chunks in view, best first (score desc, id asc). */
export interface ChunkRanker {
  /** The best `limit` among chunks matching any clause. */
  rank(clauses: readonly Clause[], limit: number): Promise<RankedChunk[]>;
  /** The best `limit` among all chunks holding a term, read from the scope's chunks or from the matches. */
  rankAll(limit: number, fromScope: boolean): Promise<RankedChunk[]>;
  /** Whether the scope holds few chunks, so that ranking all its matches is cheap whatever the index holds. */
  smallScope(): Promise<boolean>;
}

/**
 * How many chunks each pass may score (the first tries to certify cheaply, the second widens), and
 * up to how many matches ranking them all is cheaper than passes.
 */
export interface PassBudgets {
  all: number;
  first: number;
  second: number;
}

/** Whether the k-th score reaches the threshold: then no chunk left out could have ranked. */
function certified(rows: readonly RankedChunk[], limit: number, threshold: number): boolean {
  return rows.length >= limit && rows[limit - 1]!.score >= threshold;
}

async function rankClauses(ranker: ChunkRanker, clauses: readonly Clause[], limit: number): Promise<RankedChunk[]> {
  return clauses.length > 0 ? ranker.rank(clauses, limit) : [];
}

/** Fewer than `limit` found: a small scope's other matches are cheap to rank, a large one's are left out. */
async function rankRest(ranker: ChunkRanker, found: RankedChunk[], limit: number): Promise<RankedChunk[]> {
  return found.length < limit && (await ranker.smallScope()) ? ranker.rankAll(limit, true) : found;
}

/**
 * The best `limit` chunks by the engine's score, scoring only chunks that could rank. The first pass
 * scores the chunks whose term bounds reach a threshold chosen for the first budget. When its k-th
 * score is below that threshold, that score is a floor of the true k-th, and the second pass lowers
 * the threshold to it (or to what the second budget allows). Every match is ranked when they are
 * few, or when fewer than `limit` chunks were found in a small scope. The result is exact
 * unless the second budget ran out; then each chunk left out scores below the threshold used (and
 * in a large scope fewer than `limit` chunks may come back: the others hold only common terms).
 */
export async function rankPruned(terms: readonly TermBound[], total: number, ranker: ChunkRanker, limit: number, budgets: PassBudgets): Promise<RankedChunk[]> {
  if (expectedMatches(terms, coveringClauses(terms, 0), total) <= budgets.all) return ranker.rankAll(limit, false);
  const first = thresholdForBudget(terms, total, budgets.first);
  if (first <= 0) return ranker.rankAll(limit, false);
  const rows = await rankClauses(ranker, coveringClauses(terms, first), limit);
  if (certified(rows, limit, first)) return rows;
  const floor = rows.length >= limit ? rows[limit - 1]!.score : 0;
  const second = Math.max(floor, thresholdForBudget(terms, total, budgets.second));
  if (second <= 0) return ranker.rankAll(limit, false);
  return rankRest(ranker, second < first ? await rankClauses(ranker, coveringClauses(terms, second), limit) : rows, limit);
}
