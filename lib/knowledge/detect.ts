import { fileTypeFromBuffer, type FileTypeResult } from "file-type";
import { KnowledgeError, formatBytes } from "./errors";
import { extensionOf, textKindForExtension, type TextKind } from "./file-extensions";
import { sniffTextEncoding } from "./text-encoding";
import type { DetectedDocument, TextEncoding } from "./types";

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface DetectOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
}

export interface DocumentInput {
  /** The file name as uploaded; its extension is a hint, never trusted on its own. */
  name: string;
  bytes: Uint8Array;
}

const PDF_MIME = "application/pdf";
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const MIME_BY_TEXT_KIND: Record<TextKind, string> = {
  markdown: "text/markdown",
  text: "text/plain",
  html: "text/html",
  code: "text/plain",
  json: "application/json",
  yaml: "application/yaml",
  csv: "text/csv",
};

/**
 * Decides what a file is from its bytes (magic numbers, then a text check) and its extension.
 * Throws a `KnowledgeError` for empty, oversized, binary-but-unsupported and mislabelled files.
 */
export async function detectDocument(input: DocumentInput, options: DetectOptions = {}): Promise<DetectedDocument> {
  const { bytes } = input;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength === 0) throw new KnowledgeError("EMPTY", "This file is empty.");
  if (bytes.byteLength > maxBytes) {
    throw new KnowledgeError(
      "TOO_LARGE",
      `This file is ${formatBytes(bytes.byteLength)}; files up to ${formatBytes(maxBytes)} can be added.`,
      { sizeBytes: bytes.byteLength, limitBytes: maxBytes },
    );
  }

  const extension = extensionOf(input.name);
  const magic = await magicType(bytes);
  if (magic?.ext === "pdf") return { kind: "pdf", mime: PDF_MIME, extension };
  if (magic?.ext === "docx" || (magic?.ext === "zip" && extension === "docx")) {
    return { kind: "docx", mime: DOCX_MIME, extension };
  }

  if (extension === "pdf" || extension === "docx") throw mislabelled(extension, magic);

  // Binary formats fail the text check, so a text file whose first bytes look like a magic number still passes.
  const encoding = sniffTextEncoding(bytes);
  if (!encoding) throw binaryRefusal(extension, magic);

  const announced = textKindForExtension(extension);
  const kind = announced?.kind ?? (looksLikeHtml(bytes, encoding) ? "html" : "text");
  const detected: DetectedDocument = { kind, mime: MIME_BY_TEXT_KIND[kind], extension, encoding };
  if (announced?.language) detected.language = announced.language;
  return detected;
}

async function magicType(bytes: Uint8Array): Promise<FileTypeResult | undefined> {
  try {
    return await fileTypeFromBuffer(bytes);
  } catch {
    // file-type gives up on malformed containers; the text check and the extractors judge those bytes instead.
    return undefined;
  }
}

function mislabelled(extension: "pdf" | "docx", magic: FileTypeResult | undefined): KnowledgeError {
  const details = { extension, detectedMime: magic?.mime ?? null };
  if (extension === "docx" && magic?.ext === "cfb") {
    // Word saves a password-protected .docx as an encrypted OLE container instead of a zip.
    const message = "This Word document is password-protected. Remove the password and try again.";
    return new KnowledgeError("ENCRYPTED", message, details);
  }
  const expected = extension === "pdf" ? "a PDF" : "a Word document";
  const message = `This file is named .${extension} but is not ${expected}${looksLike(magic)}.`;
  return new KnowledgeError("CORRUPT", message, details);
}

function binaryRefusal(extension: string, magic: FileTypeResult | undefined): KnowledgeError {
  const details = { extension, detectedMime: magic?.mime ?? null };
  if (extension === "doc") {
    return new KnowledgeError(
      "UNSUPPORTED_TYPE",
      "Old Word .doc files can't be added. Save the document as .docx and try again.",
      details,
    );
  }
  if (textKindForExtension(extension)) {
    const message = `This file is named .${extension} but contains binary data${looksLike(magic)}.`;
    return new KnowledgeError("UNSUPPORTED_TYPE", message, details);
  }
  const what = magic ? `${magic.ext.toUpperCase()} files` : "This kind of file";
  return new KnowledgeError(
    "UNSUPPORTED_TYPE",
    `${what} can't be added. Supported: PDF, Word (.docx), Markdown, text, HTML, source code, JSON, YAML and CSV.`,
    details,
  );
}

function looksLike(magic: FileTypeResult | undefined): string {
  return magic ? ` (it looks like ${magic.ext.toUpperCase()})` : "";
}

function looksLikeHtml(bytes: Uint8Array, encoding: TextEncoding): boolean {
  const head = new TextDecoder(encoding).decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}
