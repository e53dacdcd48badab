import type { CodeLanguage, TextKind } from "./file-extensions";

export type { CodeLanguage };

export type DocumentKind = "pdf" | "docx" | TextKind;

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** What `detectDocument` decided a file is. */
export interface DetectedDocument {
  kind: DocumentKind;
  mime: string;
  /** Lower-case, without the dot; "" when the name has none. */
  extension: string;
  /** Set for `code`. */
  language?: CodeLanguage;
  /** Set for text-based kinds (everything but pdf and docx). */
  encoding?: TextEncoding;
}

/** Where one PDF page's text sits in the extracted text: [start, end) in UTF-16 code units, page 1-based. */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/** How the extracted text is organised, which decides how it is chunked. */
export type TextStructure = "markdown" | "code" | "plain";

/** The text of a document with enough structure kept for chunks to say where they came from. */
export interface ExtractedDocument {
  kind: DocumentKind;
  language?: CodeLanguage;
  text: string;
  structure: TextStructure;
  /** PDF only: pages that have text, in order. */
  pages?: PageSpan[];
  /** PDF only: all pages, with or without text. */
  pageCount?: number;
  /** True when the lines of `text` are the lines of the uploaded file, so chunks can cite line numbers. */
  sourceLines: boolean;
}
