import { describe, expect, it } from "vitest";
import { coveringClauses, expectedMatches, thresholdForBudget, type Clause, type TermBound } from "./candidate-clauses";

/** A seeded generator so failures replay. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** How often a chunk holds each term: 0 absent, 1 once, 2 twice or more. */
type Holding = number[];

function upperBound(terms: readonly TermBound[], holding: Holding): number {
  return holding.reduce((sum, h, i) => sum + (h === 0 ? 0 : h === 2 && terms[i]!.repeatedChunks > 0 ? terms[i]!.repeated : terms[i]!.once), 0);
}

function matches(clause: Clause, holding: Holding, terms: readonly TermBound[]): boolean {
  return clause.every(({ term, repeated }) => holding[term]! >= (repeated ? 2 : 1) && (!repeated || terms[term]!.repeatedChunks > 0));
}

describe("covering clauses", () => {
  it("match every chunk whose bounds reach the threshold, however few clauses are allowed", () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(next() * 7);
      const terms: TermBound[] = Array.from({ length: n }, () => {
        const once = next() * 5;
        const tiered = next() < 0.6;
        return { chunks: 100, repeatedChunks: tiered ? 10 : 0, once, repeated: tiered ? once * (1 + next() * 2) : 0 };
      });
      const threshold = next() * terms.reduce((s, t) => s + Math.max(t.once, t.repeated), 0);
      const max = [1, 4, 24][round % 3]!;
      const clauses = coveringClauses(terms, threshold, max);
      expect(clauses.length).toBeGreaterThan(0);
      for (let c = 0; c < 60; c++) {
        const holding = terms.map(() => Math.floor(next() * 3));
        if (holding.every((h) => h === 0) || upperBound(terms, holding) < threshold) continue;
        expect(clauses.some((clause) => matches(clause, holding, terms)), JSON.stringify({ terms, threshold, holding, clauses })).toBe(true);
      }
    }
  });

  it("ask for the rare terms together and leave out chunks that hold only common ones", () => {
    const rare: TermBound = { chunks: 10, repeatedChunks: 0, once: 8, repeated: 0 };
    const common: TermBound = { chunks: 9000, repeatedChunks: 0, once: 0.5, repeated: 0 };
    const clauses = coveringClauses([common, rare, common], 6);
    expect(clauses).toEqual([[{ term: 1, repeated: false }]]);
    expect(expectedMatches([common, rare, common], clauses, 10_000)).toBe(10);
  });

  it("pick the lowest threshold whose clauses fit the budget", () => {
    const terms: TermBound[] = [
      { chunks: 50, repeatedChunks: 5, once: 4, repeated: 8 },
      { chunks: 4000, repeatedChunks: 800, once: 1, repeated: 2 },
      { chunks: 6000, repeatedChunks: 2000, once: 0.8, repeated: 1.6 },
    ];
    expect(thresholdForBudget(terms, 10_000, 20_000)).toBe(0);
    const threshold = thresholdForBudget(terms, 10_000, 500);
    expect(threshold).toBeGreaterThan(0);
    expect(expectedMatches(terms, coveringClauses(terms, threshold), 10_000)).toBeLessThanOrEqual(500);
    expect(expectedMatches(terms, coveringClauses(terms, threshold * 0.9), 10_000)).toBeGreaterThan(500);
  });
});
