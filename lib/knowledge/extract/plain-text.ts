import { decodeText } from "../text-encoding";
import type { DetectedDocument, ExtractedDocument } from "../types";

/** Markdown, plain text, code, JSON, YAML and CSV: decoded as they are, so line numbers match the file. */
export function extractPlainText(detected: DetectedDocument, bytes: Uint8Array): ExtractedDocument {
  const text = decodeText(bytes, detected.encoding ?? "utf-8");
  const structure = detected.kind === "markdown" ? "markdown" : detected.kind === "code" ? "code" : "plain";
  const extracted: ExtractedDocument = { kind: detected.kind, text, structure, sourceLines: true };
  if (detected.language) extracted.language = detected.language;
  return extracted;
}
