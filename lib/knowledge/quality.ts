import type { DocumentKind, ExtractedDocument } from "./types";

export type QualityIssue =
  | "NO_TEXT"
  | "TOO_SHORT"
  | "SHORT"
  | "GARBLED"
  | "FEW_WORD_CHARACTERS"
  | "MOJIBAKE"
  | "REPEATED_LINES"
  | "SPARSE_PAGES";

export interface QualityReason {
  issue: QualityIssue;
  /** Written for the person who uploaded the file. */
  message: string;
  /** Points taken off the score of 100. */
  penalty: number;
}

export interface QualityReport {
  /** 0 (unusable) to 100 (clean text). */
  score: number;
  reasons: QualityReason[];
}

/** Long texts are judged on evenly spread windows; the statistics settle well before this many characters. */
const SAMPLE_WINDOWS = 8;
const SAMPLE_WINDOW_CHARS = 25_000;
/** Lines shorter than this (braces, "---", page numbers) repeat legitimately. */
const MIN_COUNTED_LINE = 8;
/** Structured formats are mostly punctuation and digits, so fewer letters are expected. */
const STRUCTURED_KINDS: ReadonlySet<DocumentKind> = new Set(["code", "json", "yaml", "csv"]);
/** What bytes 0x80–0xBF become when read as Windows-1252 (or Latin-1). */
const WINDOWS_1252_HIGH =
  "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" +
  "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122";
/** UTF-8 read as Windows-1252: "Ã©" for "é", "â€™" for "’". */
const MOJIBAKE = new RegExp(`[ÃÂ][${WINDOWS_1252_HIGH}]|â€.`, "g");

type QualityInput = Pick<ExtractedDocument, "text" | "kind" | "pageCount">;

/** Scores how usable extracted text is for search and answers, with the reasons for every point taken off. */
export function assessQuality(doc: QualityInput): QualityReport {
  const sample = sampleOf(doc.text);
  const counts = countCharacters(sample);
  if (counts.visible === 0) {
    return { score: 0, reasons: [{ issue: "NO_TEXT", message: noTextMessage(doc.kind), penalty: 100 }] };
  }
  const reasons = [
    lengthReason(counts.visible * (doc.text.length / sample.length)),
    garbageReason(counts.garbage / counts.visible),
    wordCharacterReason(counts.wordCharacters / counts.visible, STRUCTURED_KINDS.has(doc.kind)),
    mojibakeReason((sample.match(MOJIBAKE)?.length ?? 0) / counts.visible),
    repeatedLinesReason(sample),
    sparsePagesReason(doc, counts.visible * (doc.text.length / sample.length)),
  ].filter((reason): reason is QualityReason => reason !== null);
  const penalty = reasons.reduce((sum, reason) => sum + reason.penalty, 0);
  return { score: Math.max(0, 100 - penalty), reasons };
}

export function noTextMessage(kind: DocumentKind): string {
  return kind === "pdf"
    ? "This PDF has no extractable text (it may be scanned)."
    : "This file has no text to add.";
}

function sampleOf(text: string): string {
  if (text.length <= SAMPLE_WINDOWS * SAMPLE_WINDOW_CHARS) return text;
  const stride = Math.floor((text.length - SAMPLE_WINDOW_CHARS) / (SAMPLE_WINDOWS - 1));
  const windows = Array.from({ length: SAMPLE_WINDOWS }, (_, i) => text.slice(i * stride, i * stride + SAMPLE_WINDOW_CHARS));
  return windows.join("\n");
}

interface CharacterCounts {
  /** Everything except whitespace. */
  visible: number;
  /** Letters (with their combining marks) and digits. */
  wordCharacters: number;
  /** Control characters, U+FFFD from failed decoding, private-use glyphs from unmapped PDF fonts, lone surrogates. */
  garbage: number;
}

function countCharacters(text: string): CharacterCounts {
  const counts: CharacterCounts = { visible: 0, wordCharacters: 0, garbage: 0 };
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      if (code <= 0x20) {
        if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) {
          counts.visible++;
          counts.garbage++;
        }
        continue;
      }
      counts.visible++;
      if ((code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a)) counts.wordCharacters++;
      else if (code === 0x7f) counts.garbage++;
      continue;
    }
    if (/\s/u.test(char)) continue;
    counts.visible++;
    if (/[\p{L}\p{M}\p{N}]/u.test(char)) counts.wordCharacters++;
    else if (/[\p{Cc}\p{Co}\p{Cs}\uFFFD]/u.test(char)) counts.garbage++;
  }
  return counts;
}

function lengthReason(visibleChars: number): QualityReason | null {
  if (visibleChars < 20) return { issue: "TOO_SHORT", message: "Very little text: under 20 characters.", penalty: 50 };
  if (visibleChars < 100) return { issue: "SHORT", message: "Short text: under 100 characters.", penalty: 15 };
  return null;
}

function garbageReason(ratio: number): QualityReason | null {
  const percent = Math.round(ratio * 100);
  const message = `${percent}% of the characters are unreadable (control characters or symbols that failed to decode).`;
  if (ratio > 0.2) return { issue: "GARBLED", message, penalty: 70 };
  if (ratio > 0.05) return { issue: "GARBLED", message, penalty: 40 };
  if (ratio > 0.01) return { issue: "GARBLED", message, penalty: 15 };
  return null;
}

function wordCharacterReason(ratio: number, structured: boolean): QualityReason | null {
  const [low, veryLow] = structured ? [0.3, 0.15] : [0.5, 0.3];
  const message = `Only ${Math.round(ratio * 100)}% of the characters are letters or digits.`;
  if (ratio < veryLow) return { issue: "FEW_WORD_CHARACTERS", message, penalty: 40 };
  if (ratio < low) return { issue: "FEW_WORD_CHARACTERS", message, penalty: 20 };
  return null;
}

function mojibakeReason(ratio: number): QualityReason | null {
  if (ratio <= 0.002) return null;
  return {
    issue: "MOJIBAKE",
    message: 'The text looks decoded with the wrong character set (for example "Ã©" instead of "é").',
    penalty: ratio > 0.02 ? 40 : 20,
  };
}

function repeatedLinesReason(text: string): QualityReason | null {
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line.length >= MIN_COUNTED_LINE);
  if (lines.length < 10) return null;
  const repeated = 1 - new Set(lines).size / lines.length;
  if (repeated <= 0.5) return null;
  return {
    issue: "REPEATED_LINES",
    message: `${Math.round(repeated * 100)}% of the lines are repeats of other lines.`,
    penalty: repeated > 0.8 ? 45 : 25,
  };
}

function sparsePagesReason(doc: QualityInput, visibleChars: number): QualityReason | null {
  if (!doc.pageCount || visibleChars / doc.pageCount >= 100) return null;
  return {
    issue: "SPARSE_PAGES",
    message: `Under 100 characters of text per page on average; the PDF may be scanned, with text only in images.`,
    penalty: visibleChars / doc.pageCount < 20 ? 50 : 25,
  };
}
