/** The usual constant of reciprocal rank fusion: damps the weight of the very first ranks. */
const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list adds 1 / (k + rank) to an item's score, so items ranked well
 * by several lists come first without comparing their incomparable raw scores. Best first.
 */
export function reciprocalRankScores<T>(lists: readonly (readonly T[])[], k = RRF_K): [T, number][] {
  const scores = new Map<T, number>();
  for (const list of lists) {
    list.forEach((item, rank) => scores.set(item, (scores.get(item) ?? 0) + 1 / (k + rank + 1)));
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1]);
}
