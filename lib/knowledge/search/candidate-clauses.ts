/**
 * Which chunks a ranked search must score. A chunk's score is a sum over the query terms it holds,
 * and each term has an upper bound on what it can add; a chunk whose terms' bounds sum below a
 * threshold can never score the threshold. The clauses below match every chunk that can, so a search
 * scores those only, and its result is exact when its k-th score reaches the threshold.
 */

/** One query term as the index knows it. */
export interface TermBound {
  /** Chunks holding the term. */
  chunks: number;
  /** Chunks holding it twice or more; 0 when the index cannot find them. */
  repeatedChunks: number;
  /** The most the term adds to a chunk holding it, unless the chunk is among `repeatedChunks`. */
  once: number;
  /** The most it adds to a chunk holding it twice or more (used when `repeatedChunks` > 0). */
  repeated: number;
}

/** A conjunction: the chunk holds each term, twice or more where `repeated`. */
export type Clause = readonly { term: number; repeated: boolean }[];

/** Beyond this many clauses, evaluating them costs the index more than the chunks they spare. */
const MAX_CLAUSES = 12;

function canRepeat(t: TermBound): boolean {
  return t.repeatedChunks > 0 && t.repeated > t.once;
}

function bestCase(t: TermBound): number {
  return canRepeat(t) ? t.repeated : t.once;
}

/**
 * Walks the terms from the most valuable down, following every combination a chunk may hold, and
 * emits a clause as soon as its bounds reach the threshold or it has `depth` terms (a shorter clause
 * matches more chunks, so it still covers them). Null when there would be more than `max` clauses.
 */
function clausesUpToDepth(terms: readonly TermBound[], order: readonly number[], threshold: number, depth: number, max: number): Clause[] | null {
  const rest = new Array<number>(order.length + 1).fill(0);
  for (let i = order.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + bestCase(terms[order[i]!]!);
  const out: Clause[] = [];
  const current: { term: number; repeated: boolean }[] = [];
  const visit = (i: number, sum: number): boolean => {
    if (current.length > 0 && (sum >= threshold || current.length === depth)) {
      out.push([...current]);
      return out.length <= max;
    }
    if (i === order.length || sum + rest[i]! < threshold) return true;
    const term = order[i]!;
    const t = terms[term]!;
    current.push({ term, repeated: false });
    if (!visit(i + 1, sum + t.once)) return false;
    current.pop();
    // When the clause ends with this term anyway, the one asking for it twice matches a subset.
    const endsHere = current.length + 1 === depth || sum + t.once >= threshold;
    if (canRepeat(t) && !endsHere) {
      current.push({ term, repeated: true });
      if (!visit(i + 1, sum + t.repeated)) return false;
      current.pop();
    }
    return visit(i + 1, sum);
  };
  return visit(0, 0) ? out : null;
}

/**
 * Clauses matching every chunk whose terms' bounds can sum to `threshold` or more: the finest set
 * of at most `max` clauses, down to single terms (which always fit: one per term and tier).
 */
export function coveringClauses(terms: readonly TermBound[], threshold: number, max = MAX_CLAUSES): Clause[] {
  const order = terms.map((_, i) => i).sort((a, b) => bestCase(terms[b]!) - bestCase(terms[a]!));
  for (let depth = order.length; depth > 1; depth--) {
    const clauses = clausesUpToDepth(terms, order, threshold, depth, max);
    if (clauses) return clauses;
  }
  return clausesUpToDepth(terms, order, threshold, 1, Infinity)!;
}

/** How many of `total` chunks the clauses should match, were the terms independent (an over-count). */
export function expectedMatches(terms: readonly TermBound[], clauses: readonly Clause[], total: number): number {
  let sum = 0;
  for (const clause of clauses) {
    sum += clause.reduce((n, { term, repeated }) => n * ((repeated ? terms[term]!.repeatedChunks : terms[term]!.chunks) / Math.max(total, 1)), total);
  }
  return Math.min(sum, total);
}

/**
 * The lowest threshold whose clauses should match at most `budget` chunks (0 when all matches fit).
 * A lower threshold certifies more results as exact; a higher one scores fewer chunks.
 */
export function thresholdForBudget(terms: readonly TermBound[], total: number, budget: number, max = MAX_CLAUSES): number {
  const fits = (threshold: number) => expectedMatches(terms, coveringClauses(terms, threshold, max), total) <= budget;
  if (fits(0)) return 0;
  let low = 0;
  // Just below the sum of all bounds, so that rounding never leaves the highest threshold without a clause.
  let high = terms.reduce((sum, t) => sum + bestCase(t), 0) * (1 - 1e-9);
  for (let step = 0; step < 24; step++) {
    const mid = (low + high) / 2;
    if (fits(mid)) high = mid;
    else low = mid;
  }
  return high;
}
