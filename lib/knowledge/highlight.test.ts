import { describe, expect, it } from "vitest";
import { highlightSegments, matchedTerms } from "./highlight";

const marked = (text: string, query: string) =>
  highlightSegments(text, query)
    .filter((s) => s.match)
    .map((s) => s.text);

describe("highlightSegments", () => {
  it("marks the query's words case-insensitively and keeps the text intact", () => {
    const text = "The Zephyr release ships every Thursday.";
    const segments = highlightSegments(text, "When does the zephyr release ship?");
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["Zephyr", "release", "ships"]);
  });

  it("never marks stopwords or parts of longer words", () => {
    expect(marked("the theme of the release", "the")).toEqual([]);
    expect(marked("shipment ships ship", "ship")).toEqual(["ships", "ship"]);
  });

  it("returns the text as one plain run when nothing matches or the query is empty", () => {
    expect(highlightSegments("abc def", "")).toEqual([{ text: "abc def", match: false }]);
    expect(highlightSegments("abc def", "xyz")).toEqual([{ text: "abc def", match: false }]);
    expect(highlightSegments("", "abc")).toEqual([]);
  });

  it("matches words with digits and non-Latin letters", () => {
    expect(marked("set ASN1_MAX to 64; größe passt", "asn1 größe")).toEqual(["ASN1", "größe"]);
  });
});

describe("matchedTerms", () => {
  it("keeps the query terms found in the passage", () => {
    expect(matchedTerms("When does the zephyr release ship on Friday?", "The zephyr release ships every Thursday.")).toEqual(["zephyr", "release", "ship"]);
  });
});
