import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { UsageEventInput, UsageEventSink } from "../analytics/usage-events";
import type { Db } from "../db/client";
import { logger } from "../observability/logger";
import { createUploadedDocument, type DocumentSummary } from "./documents";
import { claimJob, finishJob } from "./queue/jobs";
import { inProcessRunner, type PipelineRunner } from "./queue/pipeline-runner";
import { processDocument, type ProcessDeps } from "./queue/process-document";
import { requireScopeAccess } from "./scope";
import { storeUploadStream } from "./storage";

/** A knowledge base for integration tests: a temporary uploads folder and a usage sink that keeps events. */
export interface KnowledgeHarness {
  deps: ProcessDeps;
  events: UsageEventInput[];
  /** Stores, records and queues a file as the upload route does. */
  upload(userId: string, name: string, bytes: Uint8Array | string, roomId?: string | null): Promise<DocumentSummary>;
  /** Uploads and runs the queue until this document is processed. */
  ingest(userId: string, name: string, bytes: Uint8Array | string, roomId?: string | null): Promise<DocumentSummary & { outcome: string }>;
  /** Processes every queued job. */
  drain(): Promise<void>;
  dispose(): void;
}

export function createKnowledgeHarness(db: Db, runner: PipelineRunner = inProcessRunner, uploads?: string): KnowledgeHarness {
  const dir = uploads ?? mkdtempSync(join(tmpdir(), "eca-uploads-"));
  const events: UsageEventInput[] = [];
  const usage: UsageEventSink = { record: async (batch) => void events.push(...batch) };
  const deps: ProcessDeps = { db, uploadsDir: dir, runner, options: { chunkTokens: 200 }, usage, log: logger };

  async function upload(userId: string, name: string, bytes: Uint8Array | string, roomId?: string | null) {
    const access = await requireScopeAccess(db, userId, { roomId }, "write");
    const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes);
    const stored = await storeUploadStream(dir, Readable.from([data]), 100 * 1024 * 1024);
    return createUploadedDocument(db, { access, uploaderId: userId, name, stored });
  }

  async function drain() {
    for (let job = await claimJob(db, "test", 60_000); job; job = await claimJob(db, "test", 60_000)) {
      const outcome = await processDocument(deps, job.documentId);
      await finishJob(db, job.id, "test", outcome === "failed" ? "failed" : "done");
    }
  }

  return {
    deps,
    events,
    upload,
    drain,
    async ingest(userId, name, bytes, roomId) {
      const doc = await upload(userId, name, bytes, roomId);
      await drain();
      const row = await db.knowledgeDocument.findUniqueOrThrow({ where: { id: doc.id } });
      return { ...doc, status: row.status, failureCode: row.failureCode, failureMessage: row.failureMessage, outcome: row.status };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
