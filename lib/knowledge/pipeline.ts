import { logger } from "../observability/logger";
import { chunkDocument, type Chunk, type ChunkOptions } from "./chunk";
import { detectDocument, type DetectOptions, type DocumentInput } from "./detect";
import { isKnowledgeError, type KnowledgeErrorCode } from "./errors";
import { extractDocument, type ExtractOptions } from "./extract";
import type { CodeLanguage, DocumentKind, PageSpan } from "./types";
import { validateDocument, type ValidateOptions, type ValidationReport } from "./validate";

export type IngestStage = "detecting" | "extracting" | "validating" | "chunking";

export type IngestOptions = DetectOptions & ExtractOptions & ValidateOptions & ChunkOptions;

/** Called as each stage starts; awaited, so a job queue can persist progress before work continues. */
export type StageListener = (stage: IngestStage) => void | Promise<void>;

export interface IngestedDocument extends ValidationReport {
  name: string;
  kind: DocumentKind;
  mime: string;
  language?: CodeLanguage;
  /** The extracted text every chunk's offsets point into. */
  text: string;
  pages?: PageSpan[];
  pageCount?: number;
  chunks: Chunk[];
}

export type IngestFailureCode = KnowledgeErrorCode | "INTERNAL";

export type IngestResult =
  | { ok: true; document: IngestedDocument }
  | {
      ok: false;
      /** The stage that failed. */
      stage: IngestStage;
      code: IngestFailureCode;
      /** Written for the person who uploaded the file. */
      message: string;
      details?: Record<string, unknown>;
    };

/**
 * Runs detect → extract → validate → chunk on an uploaded file. Never throws for a bad file: refusals come
 * back as `{ ok: false, code, message }`; unexpected errors are logged and come back as INTERNAL.
 */
export async function ingestBuffer(
  input: DocumentInput,
  options: IngestOptions = {},
  onStage?: StageListener,
): Promise<IngestResult> {
  let stage: IngestStage = "detecting";
  const enter = async (next: IngestStage) => {
    stage = next;
    await onStage?.(next);
  };
  try {
    await enter("detecting");
    const detected = await detectDocument(input, options);
    await enter("extracting");
    const extracted = await extractDocument(detected, input.bytes, options);
    await enter("validating");
    const validation = validateDocument(extracted, options);
    await enter("chunking");
    const chunks = await chunkDocument(extracted, options);

    const { kind, mime } = detected;
    const document: IngestedDocument = { name: input.name, kind, mime, text: extracted.text, ...validation, chunks };
    if (detected.language) document.language = detected.language;
    if (extracted.pages) document.pages = extracted.pages;
    if (extracted.pageCount !== undefined) document.pageCount = extracted.pageCount;
    return { ok: true, document };
  } catch (err) {
    if (isKnowledgeError(err)) {
      const failure: IngestResult = { ok: false, stage, code: err.code, message: err.message };
      if (err.details) failure.details = err.details;
      return failure;
    }
    const context = { component: "knowledge", err, stage, sizeBytes: input.bytes.byteLength };
    logger.error(context, "document ingestion failed unexpectedly");
    return { ok: false, stage, code: "INTERNAL", message: "Something went wrong while processing this file. Try again later." };
  }
}
