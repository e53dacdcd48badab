import { usageEvent, type UsageEventSink } from "../../analytics/usage-events";
import type { Db } from "../../db/client";
import type { Logger } from "../../observability/logger";
import { emitDocumentFailed, emitDocumentReady } from "../document-events";
import type { IngestedDocument, IngestOptions } from "../pipeline";
import { requiresApproval, scopeOf } from "../scope";
import { readStored } from "../storage";
import { findConflict, findDuplicate } from "./duplicates";
import type { PipelineRunner } from "./pipeline-runner";

/** Why a document failed: a pipeline refusal code, or one of the queue's own. */
export type FailureReason = string;

export interface ProcessDeps {
  db: Db;
  uploadsDir: string;
  runner: PipelineRunner;
  options: IngestOptions;
  usage?: UsageEventSink;
  log: Logger;
}

export type ProcessOutcome = "ready" | "pending_approval" | "failed" | "gone";

/** The document was deleted while it was being processed. */
class DocumentGone extends Error {}

async function setStatus(db: Db, documentId: string, status: string): Promise<void> {
  const updated = await db.knowledgeDocument.updateMany({ where: { id: documentId }, data: { status } });
  if (updated.count === 0) throw new DocumentGone();
}

/** Marks a document failed with a stable reason code and a message for its uploader. */
export async function failDocument(
  deps: Pick<ProcessDeps, "db" | "usage">,
  doc: { id: string; name: string; userId: string | null; roomId: string | null; uploadedById: string | null },
  code: FailureReason,
  message: string,
  extra: { duplicateOfId?: string } = {},
): Promise<void> {
  await deps.db.$transaction([
    deps.db.knowledgeChunk.deleteMany({ where: { documentId: doc.id } }),
    deps.db.knowledgeDocument.updateMany({
      where: { id: doc.id },
      data: { status: "failed", failureCode: code, failureMessage: message, chunkCount: 0, tokenCount: 0, ...extra },
    }),
  ]);
  const context = { userId: doc.uploadedById ?? doc.userId, roomId: doc.roomId };
  await deps.usage?.record([usageEvent("knowledge.failed", context, { documentId: doc.id, reason: code })]);
  await emitDocumentFailed(deps.db, doc, code, message);
}

/**
 * Takes one queued document through the pipeline and into the index: stages are written as they
 * start, exact duplicates in the scope fail with DUPLICATE, near-duplicates are flagged as conflicts,
 * and chunks are written in one transaction with the final status (ready, or pending approval).
 */
export async function processDocument(deps: ProcessDeps, documentId: string): Promise<ProcessOutcome> {
  const { db } = deps;
  const doc = await db.knowledgeDocument.findUnique({ where: { id: documentId } });
  if (!doc) return "gone";
  try {
    const bytes = await readStored(deps.uploadsDir, doc.storageKey).catch(() => null);
    if (!bytes) {
      await failDocument(deps, doc, "INTERNAL", "The uploaded file is missing. Upload it again.");
      return "failed";
    }
    // Learned items are stored as Markdown whatever their display name says.
    const name = doc.source === "upload" ? doc.name : "learned.md";
    const result = await deps.runner.run({ name, bytes }, deps.options, (stage) => setStatus(db, doc.id, stage));
    if (!result.ok) {
      await failDocument(deps, doc, result.code, result.message);
      return "failed";
    }
    const ingested = result.document;
    const scope = scopeOf(doc.userId ?? "", doc.roomId);
    const duplicate = await findDuplicate(db, doc, ingested.contentHash);
    if (duplicate) {
      const message = `Duplicate of "${duplicate.name}": the same content is already in this knowledge base.`;
      await failDocument(deps, doc, "DUPLICATE", message, { duplicateOfId: duplicate.id });
      return "failed";
    }
    const conflict = await findConflict(db, doc, ingested.contentHash, ingested.fingerprint);
    await setStatus(db, doc.id, "indexing");
    const status = (await requiresApproval(db, scope)) ? "pending_approval" : "ready";
    await writeIndex(db, doc.id, ingested, status, conflict?.id ?? null);
    const context = { userId: doc.uploadedById ?? doc.userId, roomId: doc.roomId };
    const data = { documentId: doc.id, bytes: doc.sizeBytes, chunks: ingested.chunks.length };
    await deps.usage?.record([usageEvent("knowledge.ingested", context, data)]);
    deps.log.info({ documentId: doc.id, kind: ingested.kind, chunks: ingested.chunks.length, status }, "document indexed");
    if (status === "ready") await emitDocumentReady(db, doc, ingested.chunks.length);
    return status;
  } catch (err) {
    if (err instanceof DocumentGone) return "gone";
    throw err;
  }
}

async function writeIndex(db: Db, documentId: string, doc: IngestedDocument, status: string, conflictWithId: string | null): Promise<void> {
  const tokenCount = doc.chunks.reduce((sum, chunk) => sum + chunk.tokenCount, 0);
  await db.$transaction(async (tx) => {
    const updated = await tx.knowledgeDocument.updateMany({
      where: { id: documentId },
      data: {
        status,
        kind: doc.kind,
        mime: doc.mime,
        language: doc.language ?? null,
        contentHash: doc.contentHash,
        fingerprint: doc.fingerprint,
        qualityScore: doc.quality.score,
        qualityReasons: JSON.stringify(doc.quality.reasons),
        text: doc.text,
        pageCount: doc.pageCount ?? null,
        chunkCount: doc.chunks.length,
        tokenCount,
        conflictWithId,
        failureCode: null,
        failureMessage: null,
        duplicateOfId: null,
      },
    });
    if (updated.count === 0) throw new DocumentGone();
    await tx.knowledgeChunk.deleteMany({ where: { documentId } });
    await tx.knowledgeChunk.createMany({
      data: doc.chunks.map((chunk) => ({
        documentId,
        ordinal: chunk.index,
        text: chunk.text,
        tokenCount: chunk.tokenCount,
        headingPath: JSON.stringify(chunk.headingPath),
        pageStart: chunk.pages?.start ?? null,
        pageEnd: chunk.pages?.end ?? null,
        lineStart: chunk.lines?.start ?? null,
        lineEnd: chunk.lines?.end ?? null,
        startOffset: chunk.start,
        endOffset: chunk.end,
      })),
    });
  });
}
