import { describe, expect, it } from "vitest";
import { reciprocalRankScores } from "./fusion";
import { fts5Query, MAX_TERMS, searchTerms, tsQueryLexeme } from "./query";

describe("search terms", () => {
  it("keeps only lower-case words, without stopwords or repeats", () => {
    expect(searchTerms('How do I "deploy" the API-server? deploy NEAR(x) AND *')).toEqual(["deploy", "api", "server", "near", "x"]);
    expect(searchTerms("Ünïcödé naïve café")).toEqual(["ünïcödé", "naïve", "café"]);
    expect(searchTerms("'; DROP TABLE x; --")).toEqual(["drop", "table", "x"]);
    expect(searchTerms("the of and")).toEqual([]);
  });

  it("caps the number of terms", () => {
    expect(searchTerms(Array.from({ length: 100 }, (_, i) => `w${i}`).join(" "))).toHaveLength(MAX_TERMS);
  });

  it("quotes every term for FTS5 and joins with OR, and quotes tsquery lexemes", () => {
    expect(fts5Query(["deploy", "api"])).toBe('"deploy" OR "api"');
    expect(tsQueryLexeme("deploy 2")).toBe("'deploy 2'");
    expect(tsQueryLexeme("it's \\ x")).toBe("'it''s \\\\ x'");
  });
});

describe("reciprocal rank fusion", () => {
  it("puts items ranked well by both lists first", () => {
    const fused = reciprocalRankScores([[1, 2, 3], [3, 1, 4]]);
    expect(fused.map(([item]) => item)).toEqual([1, 3, 2, 4]);
    expect(fused[0]![1]).toBeCloseTo(1 / 61 + 1 / 62);
  });
});
