/** Words too common to help ranking; dropping them keeps OR queries from matching every chunk. */
const STOPWORDS = new Set(
  (
    "a an and are as at be but by can do does for from has have how i if in into is it its me my no not of on or our " +
    "so such than that the their then there these they this to was we what when where which who why will with you your"
  ).split(" "),
);

/** More terms than this add little to a passage search and slow it down. */
export const MAX_TERMS = 24;

/**
 * The search terms of free user text: lower-case runs of letters and digits, stopwords and
 * repeats removed. Only these reach the query syntax, so no input can break it.
 */
export function searchTerms(text: string): string[] {
  const words = text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = new Set<string>();
  for (const word of words) {
    if (word.length > 64 || STOPWORDS.has(word)) continue;
    terms.add(word);
    if (terms.size === MAX_TERMS) break;
  }
  return [...terms];
}

/** A term as an FTS5 phrase: quoted as a string so it is never an operator (terms hold no quotes). */
export function fts5Phrase(term: string): string {
  return `"${term}"`;
}

/** An FTS5 MATCH expression: any of the terms. */
export function fts5Query(terms: readonly string[]): string {
  return terms.map(fts5Phrase).join(" OR ");
}

/** A lexeme as a tsquery operand: quoted, so no character of it is read as an operator. */
export function tsQueryLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}
