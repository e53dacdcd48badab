import type { Db } from "../../db/client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A crashed worker's job is claimed again, but a file that keeps killing workers is given up after this. */
export const MAX_ATTEMPTS = 3;

export interface ClaimedJob {
  id: string;
  documentId: string;
  attempts: number;
}

/** Queues (or re-queues) ingestion of a document; one job per document. */
export async function enqueueJob(db: Db | Tx, documentId: string, now = new Date()): Promise<void> {
  await db.ingestionJob.upsert({
    where: { documentId },
    create: { documentId, runAfter: now },
    update: { status: "queued", attempts: 0, leaseOwner: null, leaseExpiresAt: null, runAfter: now, error: null, finishedAt: null },
  });
}

function claimableWhere(now: Date) {
  return {
    OR: [
      { status: "queued", runAfter: { lte: now } },
      // The worker holding it died or hung: its lease ran out without a heartbeat.
      { status: "running", leaseExpiresAt: { lt: now } },
    ],
  };
}

/**
 * Claims the oldest runnable job for `workerId` with a lease of `leaseMs`. The claim is a conditional
 * update, so when several workers race for one job exactly one wins; the others try the next job.
 */
export async function claimJob(db: Db, workerId: string, leaseMs: number, now = new Date()): Promise<ClaimedJob | null> {
  for (let tries = 0; tries < 5; tries++) {
    const candidate = await db.ingestionJob.findFirst({
      where: claimableWhere(now),
      orderBy: { createdAt: "asc" },
      select: { id: true, documentId: true, attempts: true },
    });
    if (!candidate) return null;
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    const won = await db.ingestionJob.updateMany({
      where: { id: candidate.id, attempts: candidate.attempts, ...claimableWhere(now) },
      data: { status: "running", leaseOwner: workerId, leaseExpiresAt, attempts: { increment: 1 } },
    });
    if (won.count === 1) return { ...candidate, attempts: candidate.attempts + 1 };
  }
  return null;
}

/** Extends the lease; false when the job is no longer this worker's (its lease expired and someone else took it). */
export async function heartbeat(db: Db, jobId: string, workerId: string, leaseMs: number, now = new Date()): Promise<boolean> {
  const renewed = await db.ingestionJob.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return renewed.count === 1;
}

/** Ends a job this worker holds; returns false when it had lost the lease meanwhile. */
export async function finishJob(db: Db, jobId: string, workerId: string, outcome: "done" | "failed", error?: string): Promise<boolean> {
  const finished = await db.ingestionJob.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: { status: outcome, leaseOwner: null, leaseExpiresAt: null, finishedAt: new Date(), error: error ?? null },
  });
  return finished.count === 1;
}

/** Hands the job back to the queue (the worker is shutting down before it finished). */
export async function releaseJob(db: Db, jobId: string, workerId: string): Promise<void> {
  await db.ingestionJob.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: { status: "queued", leaseOwner: null, leaseExpiresAt: null, attempts: { decrement: 1 } },
  });
}
