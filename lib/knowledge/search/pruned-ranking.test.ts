import { describe, expect, it } from "vitest";
import type { Clause, TermBound } from "./candidate-clauses";
import { rankPruned, type ChunkRanker, type RankedChunk } from "./pruned-ranking";

/** Chunks as sets of held terms; a chunk scores the sum of its terms' values. */
function fakeIndex(chunks: { id: number; terms: number[]; inView?: boolean }[], values: number[]) {
  const calls: (Clause[] | null)[] = [];
  const best = (clauses: readonly Clause[] | null, limit: number) => {
    calls.push(clauses ? [...clauses] : null);
    const candidates = chunks.filter((c) => c.terms.length > 0 && (!clauses || clauses.some((clause) => clause.every(({ term }) => c.terms.includes(term)))));
    const rows: RankedChunk[] = candidates.filter((c) => c.inView !== false).map((c) => ({ id: c.id, score: c.terms.reduce((s, t) => s + values[t]!, 0) }));
    return Promise.resolve(rows.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit));
  };
  const ranker: ChunkRanker = {
    rank: best,
    rankAll: (limit) => best(null, limit),
    smallScope: async () => chunks.filter((c) => c.inView !== false).length <= 10,
  };
  return { ranker, calls };
}

const bound = (chunks: number, once: number): TermBound => ({ chunks, repeatedChunks: 0, once, repeated: 0 });

describe("pruned ranking", () => {
  // Term 0 is rare and decisive, terms 1 and 2 are in every chunk and add little.
  const values = [5, 0.5, 0.4];
  const terms = [bound(3, 5), bound(1000, 0.5), bound(1000, 0.4)];
  const chunks = Array.from({ length: 1000 }, (_, id) => ({ id, terms: id % 400 === 7 ? [0, 1, 2] : [1, 2] }));

  it("certifies from one pass over the rare term's chunks", async () => {
    const { ranker, calls } = fakeIndex(chunks, values);
    const rows = await rankPruned(terms, 1000, ranker, 2, { all: 10, first: 10, second: 100 });
    expect(rows.map((r) => r.id)).toEqual([7, 407]);
    expect(calls).toEqual([[[{ term: 0, repeated: false }]]]);
  });

  it("widens to the k-th score it found when that does not certify, and the result is exact", async () => {
    const { ranker, calls } = fakeIndex(chunks, values);
    const rows = await rankPruned(terms, 1000, ranker, 4, { all: 10, first: 10, second: 10_000 });
    expect(rows.map((r) => r.id)).toEqual([7, 407, 807, 0]);
    expect(calls).toHaveLength(2);
  });

  it("ranks every match when fewer than the limit are found in a small scope", async () => {
    const { ranker, calls } = fakeIndex(chunks.map((c) => ({ ...c, inView: c.id === 500 || c.id === 7 })), values);
    const rows = await rankPruned(terms, 1000, ranker, 3, { all: 10, first: 10, second: 10 });
    expect(rows.map((r) => r.id)).toEqual([7, 500]);
    expect(calls.at(-1)).toBeNull();
  });

  it("returns fewer than the limit from a large scope rather than rank every common match", async () => {
    const { ranker, calls } = fakeIndex(chunks, values);
    const rows = await rankPruned(terms, 1000, ranker, 4, { all: 10, first: 10, second: 10 });
    expect(rows.map((r) => r.id)).toEqual([7, 407, 807]);
    expect(calls).not.toContain(null);
  });

  it("leaves out chunks whose bounds stay below the threshold when the budget runs out", async () => {
    // Bounds are loose: term 0 may add 5 but adds 2.5; 40 chunks hold terms 1-3 (bounds 3.9, score 2.9).
    const loose = [bound(3, 5), bound(1000, 0.5), bound(1000, 0.4), bound(40, 3)];
    const held = [...[0, 1, 2].map((id) => ({ id, terms: [0] })), ...Array.from({ length: 40 }, (_, i) => ({ id: 10 + i, terms: [1, 2, 3] }))];
    const { ranker, calls } = fakeIndex(held, [2.5, 0.5, 0.4, 2]);
    const rows = await rankPruned(loose, 1000, ranker, 3, { all: 10, first: 10, second: 10 });
    // Exact would be three of the 2.9s; within the budget only term 0's chunks could be scored.
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(calls).toEqual([[[{ term: 0, repeated: false }]]]);
  });
});
