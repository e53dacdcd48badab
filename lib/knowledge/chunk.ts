import { markdownSections, type MarkdownSection } from "./markdown-sections";
import { createSplitter } from "./splitters";
import { lineLookup, pageLookup, type NumberRange } from "./text-positions";
import { countTokens } from "./token-count";
import type { ExtractedDocument } from "./types";

const DEFAULT_CHUNK_TOKENS = 400;
const DEFAULT_OVERLAP_RATIO = 0.15;

export interface ChunkOptions {
  /** Target (and, except for unbreakable runs, maximum) tokens per chunk. */
  chunkTokens?: number;
  /** Share of `chunkTokens` repeated between consecutive pieces of one long section, 0–0.5. */
  overlapRatio?: number;
}

export interface Chunk {
  /** 0-based position in the document. */
  index: number;
  text: string;
  tokenCount: number;
  /** [start, end) of `text` in the extracted text: `extracted.text.slice(start, end) === text`. */
  start: number;
  end: number;
  /** Headings the chunk sits under, outermost first; empty for unstructured text. */
  headingPath: string[];
  /** PDF pages the chunk spans, 1-based and inclusive. */
  pages?: NumberRange;
  /** Lines of the uploaded file the chunk spans, 1-based and inclusive (text, Markdown, code, data files). */
  lines?: NumberRange;
}

/** A stretch of the text chunked on its own: a Markdown section, a PDF page, or the whole text. */
interface Region {
  start: number;
  /** After the region's heading lines; equal to `start` when it has none. */
  bodyStart: number;
  end: number;
  headingPath: string[];
  tokens: number;
}

/**
 * Splits extracted text into chunks for embedding. Structure comes first: Markdown sections and PDF pages
 * are never cut across, small neighbours are packed together, and only a region larger than the target is
 * split (with overlap) by the LangChain splitter for its format or language.
 */
export async function chunkDocument(doc: ExtractedDocument, options: ChunkOptions = {}): Promise<Chunk[]> {
  const chunkTokens = options.chunkTokens ?? DEFAULT_CHUNK_TOKENS;
  const overlapRatio = options.overlapRatio ?? DEFAULT_OVERLAP_RATIO;
  if (!Number.isInteger(chunkTokens) || chunkTokens < 16) throw new RangeError("chunkTokens must be an integer >= 16");
  if (!(overlapRatio >= 0 && overlapRatio <= 0.5)) throw new RangeError("overlapRatio must be between 0 and 0.5");

  const linesOf = doc.sourceLines ? lineLookup(doc.text) : undefined;
  const pagesOf = doc.pages ? pageLookup(doc.pages) : undefined;
  const chunks: Chunk[] = [];
  const add = (start: number, text: string, headingPath: string[]) => {
    const end = start + text.length;
    const chunk: Chunk = { index: chunks.length, text, tokenCount: countTokens(text), start, end, headingPath };
    const pages = pagesOf?.(chunk.start, chunk.end);
    if (pages) chunk.pages = pages;
    if (linesOf) chunk.lines = linesOf(chunk.start, chunk.end);
    chunks.push(chunk);
  };

  for (const region of packRegions(regionsOf(doc), chunkTokens)) {
    if (region.tokens <= chunkTokens) {
      const whole = trimmedSpan(doc.text, region.start, region.end);
      if (whole.text) add(whole.start, whole.text, region.headingPath);
      continue;
    }
    for (const piece of await splitRegion(doc, region, chunkTokens, Math.floor(chunkTokens * overlapRatio))) {
      add(piece.start, piece.text, region.headingPath);
    }
  }
  return chunks;
}

/**
 * Splits a region's body and puts its heading lines in front of the first piece, so a heading is never a
 * chunk of its own; the pieces are made smaller by the headings' tokens to keep every chunk within the target.
 */
async function splitRegion(
  doc: ExtractedDocument,
  region: Region,
  chunkTokens: number,
  overlapTokens: number,
): Promise<{ start: number; text: string }[]> {
  let bodyStart = region.bodyStart;
  let headingTokens = bodyStart > region.start ? countTokens(doc.text.slice(region.start, bodyStart)) : 0;
  if (headingTokens > chunkTokens / 2) {
    bodyStart = region.start;
    headingTokens = 0;
  }
  const size = chunkTokens - headingTokens;
  const splitter = createSplitter(doc.structure, doc.language, {
    chunkTokens: size,
    overlapTokens: Math.min(overlapTokens, size - 1),
  });
  const body = doc.text.slice(bodyStart, region.end);
  const pieces: { start: number; text: string }[] = [];
  let previous: { start: number; text: string } | undefined;
  for (const text of await splitter.splitText(body)) {
    const start = locate(body, text, previous);
    pieces.push({ start: bodyStart + start, text });
    previous = { start, text };
  }
  const first = pieces[0];
  if (first && bodyStart > region.start) pieces[0] = trimmedSpan(doc.text, region.start, first.start + first.text.length);
  return pieces;
}

/** text.slice(start, end) without surrounding whitespace, with the offset where what remains begins. */
function trimmedSpan(text: string, start: number, end: number): { start: number; text: string } {
  const slice = text.slice(start, end);
  const trimmed = slice.trim();
  return { start: start + (trimmed ? slice.indexOf(trimmed) : 0), text: trimmed };
}

function regionsOf(doc: ExtractedDocument): Region[] {
  const measure = (start: number, bodyStart: number, end: number, headingPath: string[]): Region => ({
    start,
    bodyStart,
    end,
    headingPath,
    tokens: countTokens(doc.text.slice(start, end)),
  });
  if (doc.structure === "markdown") {
    return withoutBareHeadings(doc.text, markdownSections(doc.text)).map((section) =>
      measure(section.start, section.bodyStart, section.end, section.headingPath),
    );
  }
  if (doc.pages && doc.pages.length > 0) {
    // Each page runs up to the next one so the separator between them belongs to a region.
    return doc.pages.map((page, i) => {
      const end = doc.pages![i + 1]?.start ?? doc.text.length;
      return measure(page.start, page.start, end, []);
    });
  }
  return [measure(0, 0, doc.text.length, [])];
}

/** A heading with no text of its own ("# Handbook" right before "## Onboarding") opens the next section instead. */
function withoutBareHeadings(text: string, sections: MarkdownSection[]): MarkdownSection[] {
  const kept: MarkdownSection[] = [];
  let carriedStart: number | undefined;
  sections.forEach((section, i) => {
    const bare = section.headingPath.length > 0 && text.slice(section.bodyStart, section.end).trim() === "";
    if (bare && i + 1 < sections.length) {
      carriedStart ??= section.start;
      return;
    }
    kept.push({ ...section, start: carriedStart ?? section.start });
    carriedStart = undefined;
  });
  return kept;
}

/** Joins neighbouring regions while they fit in one chunk; a packed chunk is filed under the headings they share. */
function packRegions(regions: Region[], chunkTokens: number): Region[] {
  const packed: Region[] = [];
  for (const region of regions) {
    const last = packed[packed.length - 1];
    if (last && last.tokens + region.tokens <= chunkTokens) {
      last.end = region.end;
      last.tokens += region.tokens;
      last.headingPath = commonPrefix(last.headingPath, region.headingPath);
    } else {
      packed.push({ ...region });
    }
  }
  return packed;
}

function commonPrefix(a: string[], b: string[]): string[] {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}

/**
 * Where a splitter's piece starts in the text it was cut from. Pieces are verbatim and in order, but overlap
 * can make a piece start where the previous one did (when the whitespace between them was trimmed away).
 */
function locate(source: string, piece: string, previous: { start: number; text: string } | undefined): number {
  let from = previous?.start ?? 0;
  if (previous && previous.text === piece) from++;
  const start = source.indexOf(piece, from);
  if (start === -1) throw new Error("chunk text not found in its source region");
  return start;
}
