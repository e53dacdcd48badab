import { KnowledgeError, formatBytes } from "../errors";
import type { DetectedDocument, ExtractedDocument } from "../types";
import { extractDocx } from "./docx";
import { extractHtml } from "./html";
import { extractPdf } from "./pdf";
import { extractPlainText } from "./plain-text";
import type { ZipLimits } from "./zip-guard";

/** About 2.5 million tokens; beyond this a file is an archive or a dump rather than a document. */
const DEFAULT_MAX_TEXT_CHARS = 10_000_000;

export interface ExtractOptions {
  /** Largest extracted text accepted, in UTF-16 code units. */
  maxTextChars?: number;
  /** Caps for the zip inside a .docx. */
  zipLimits?: Partial<ZipLimits>;
}

/** Turns a detected document's bytes into text with its structure (headings as Markdown, PDF page spans). */
export async function extractDocument(
  detected: DetectedDocument,
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const extracted = await extractByKind(detected, bytes, options);
  const maxTextChars = options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;
  if (extracted.text.length > maxTextChars) {
    throw new KnowledgeError(
      "TOO_LARGE",
      `This file holds too much text to add (about ${formatBytes(extracted.text.length)}; ` +
        `the limit is ${formatBytes(maxTextChars)}).`,
      { textChars: extracted.text.length, limitChars: maxTextChars },
    );
  }
  return extracted;
}

function extractByKind(
  detected: DetectedDocument,
  bytes: Uint8Array,
  options: ExtractOptions,
): Promise<ExtractedDocument> | ExtractedDocument {
  switch (detected.kind) {
    case "pdf":
      return extractPdf(bytes);
    case "docx":
      return extractDocx(bytes, options.zipLimits);
    case "html":
      return extractHtml(bytes, detected.encoding ?? "utf-8");
    default:
      return extractPlainText(detected, bytes);
  }
}
