import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { ingestMetrics } from "./metrics";
import { claimJob, finishJob, heartbeat, MAX_ATTEMPTS, releaseJob, type ClaimedJob } from "./jobs";
import type { PipelineRunner } from "./pipeline-runner";
import { failDocument, processDocument, type ProcessDeps } from "./process-document";

export interface IngestWorkerOptions extends Omit<ProcessDeps, "runner"> {
  /** Files processed at once; each slot gets its own runner (thread). */
  concurrency: number;
  createRunner: () => PipelineRunner;
  leaseMs?: number;
  pollMs?: number;
  workerId?: string;
  /** Background work for idle moments (embedding chunks); resolves true when it did some. */
  onIdle?: () => Promise<boolean>;
}

export interface IngestWorker {
  readonly workerId: string;
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /** Stops claiming, lets running jobs finish for up to `graceMs`, then hands unfinished ones back. */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 1_000;

/**
 * Claims ingestion jobs from the database queue with a renewed lease and processes at most
 * `concurrency` at once, so ingestion never takes every core from chat. Jobs of a worker that dies
 * are claimed again once their lease expires; a file that killed the worker MAX_ATTEMPTS times fails.
 */
export function startIngestWorker(options: IngestWorkerOptions): IngestWorker {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const { db, log } = options;
  const running = new Set<ClaimedJob>();
  let stopping = false;
  let wakeUp: (() => void) | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), pollMs);
      const done = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
      wakeUp = done;
    });

  async function runJob(job: ClaimedJob, runner: PipelineRunner): Promise<void> {
    const beat = setInterval(() => {
      void heartbeat(db, job.id, workerId, leaseMs).then(
        (held) => held || log.warn({ jobId: job.id }, "lost the lease of an ingestion job"),
        (err: unknown) => log.warn({ err, jobId: job.id }, "heartbeat failed"),
      );
    }, Math.max(50, Math.floor(leaseMs / 3)));
    try {
      if (job.attempts > MAX_ATTEMPTS) {
        const doc = await db.knowledgeDocument.findUnique({ where: { id: job.documentId } });
        if (doc) await failDocument(options, doc, "INTERNAL", "This file stopped the ingestion worker several times and was given up.");
        await finishJob(db, job.id, workerId, "failed", "too many attempts");
        return;
      }
      const started = performance.now();
      const outcome = await processDocument({ ...options, runner }, job.documentId);
      await finishJob(db, job.id, workerId, outcome === "failed" ? "failed" : "done");
      ingestMetrics.jobs.inc({ outcome });
      ingestMetrics.seconds.observe((performance.now() - started) / 1000);
    } catch (err) {
      log.error({ err, jobId: job.id, documentId: job.documentId }, "ingestion job failed unexpectedly");
      const doc = await db.knowledgeDocument.findUnique({ where: { id: job.documentId } }).catch(() => null);
      if (doc) await failDocument(options, doc, "INTERNAL", "Something went wrong while processing this file. Try again later.").catch(() => {});
      await finishJob(db, job.id, workerId, "failed", "internal error").catch(() => {});
    } finally {
      clearInterval(beat);
    }
  }

  async function slot(): Promise<void> {
    const runner = options.createRunner();
    try {
      while (!stopping) {
        const job = await claimJob(db, workerId, leaseMs).catch((err: unknown) => {
          log.warn({ err }, "could not claim an ingestion job");
          return null;
        });
        if (!job) {
          const worked = await options.onIdle?.().catch((err: unknown) => {
            log.warn({ err }, "idle-time work failed");
            return false;
          });
          if (!worked) await sleep();
          continue;
        }
        running.add(job);
        try {
          await runJob(job, runner);
        } finally {
          running.delete(job);
        }
      }
    } finally {
      await runner.close();
    }
  }

  const slots = Array.from({ length: Math.max(1, options.concurrency) }, () => slot());
  log.info({ workerId, concurrency: options.concurrency }, "ingestion worker started");

  return {
    workerId,
    wake: () => wakeUp?.(),
    async stop(graceMs = 10_000) {
      stopping = true;
      wakeUp?.();
      const all = Promise.all(slots);
      const grace = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
      if ((await Promise.race([all, grace])) === "timeout") {
        await Promise.all([...running].map((job) => releaseJob(db, job.id, workerId)));
        log.warn({ unfinished: running.size }, "handed unfinished ingestion jobs back to the queue");
      }
    },
  };
}
