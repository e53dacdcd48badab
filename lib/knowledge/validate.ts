import { createHash } from "node:crypto";
import { KnowledgeError } from "./errors";
import { assessQuality, noTextMessage, type QualityReport } from "./quality";
import { simhash } from "./simhash";
import type { ExtractedDocument } from "./types";

/** Below this score a document is refused rather than indexed. */
const DEFAULT_MIN_QUALITY_SCORE = 40;

export interface ValidateOptions {
  /** 0–100; documents scoring lower are refused with LOW_QUALITY. */
  minQualityScore?: number;
}

export interface ValidationReport {
  /** sha256 (hex) of the normalized text: equal hashes mean the same content, whatever the file name or format. */
  contentHash: string;
  /** SimHash (16 hex digits) for near-duplicate checks with `fingerprintSimilarity`. */
  fingerprint: string;
  quality: QualityReport;
}

/** Hashes, fingerprints and scores extracted text; throws NO_TEXT or LOW_QUALITY for text not worth indexing. */
export function validateDocument(doc: ExtractedDocument, options: ValidateOptions = {}): ValidationReport {
  const quality = assessQuality(doc);
  if (quality.reasons.some((reason) => reason.issue === "NO_TEXT")) {
    throw new KnowledgeError("NO_TEXT", noTextMessage(doc.kind), { quality });
  }
  const minScore = options.minQualityScore ?? DEFAULT_MIN_QUALITY_SCORE;
  if (quality.score < minScore) {
    const why = quality.reasons.map((reason) => reason.message).join(" ");
    throw new KnowledgeError("LOW_QUALITY", `The text of this file looks unusable. ${why}`, { quality });
  }
  return { contentHash: contentHash(doc.text), fingerprint: simhash(doc.text), quality };
}

/** sha256 of the text after Unicode NFKC normalization and whitespace collapsing. */
export function contentHash(text: string): string {
  const normalized = text.normalize("NFKC").replace(/\s+/gu, " ").trim();
  return createHash("sha256").update(normalized, "utf8").digest("hex");
}
