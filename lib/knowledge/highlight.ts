import { searchTerms } from "./search/query";

/** A run of passage text, marked when it is a word the search matched. */
export interface TextSegment {
  text: string;
  match: boolean;
}

// Endings the lexical search folds away (English stemming), so "ships" still marks "ship".
const SUFFIXES = ["", "s", "es", "ed", "ing", "ly"];

function stemsOf(term: string): string[] {
  return SUFFIXES.filter((suffix) => term.length > suffix.length + 2 && term.endsWith(suffix)).map((suffix) => term.slice(0, term.length - suffix.length));
}

/** Whether a word of the text is one of the terms, allowing for a common English ending on either side. */
function matchesAny(word: string, stems: ReadonlySet<string>): boolean {
  const lower = word.normalize("NFKC").toLowerCase();
  return stems.has(lower) || stemsOf(lower).some((stem) => stems.has(stem));
}

/**
 * Splits text into plain and matched runs for the words of `query` (parsed as the search parses it,
 * so stopwords never light up). Concatenating the segments gives the text back unchanged.
 */
export function highlightSegments(text: string, query: string): TextSegment[] {
  const stems = new Set(searchTerms(query).flatMap((term) => [term, ...stemsOf(term)]));
  if (stems.size === 0 || text === "") return text === "" ? [] : [{ text, match: false }];
  const segments: TextSegment[] = [];
  let last = 0;
  for (const found of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!matchesAny(found[0], stems)) continue;
    const plain = text.slice(last, found.index);
    if (plain) segments.push({ text: plain, match: false });
    segments.push({ text: found[0], match: true });
    last = found.index + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}

/** The query's search terms that occur in the text: what a citation passes on for highlighting. */
export function matchedTerms(query: string, text: string): string[] {
  const words = new Set(highlightSegments(text, query).filter((s) => s.match).map((s) => s.text.normalize("NFKC").toLowerCase()));
  const stemsInText = new Set([...words].flatMap((w) => [w, ...stemsOf(w)]));
  return searchTerms(query).filter((term) => stemsInText.has(term) || stemsOf(term).some((stem) => stemsInText.has(stem)));
}
