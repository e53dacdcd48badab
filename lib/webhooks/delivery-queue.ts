import { writeAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import type { AttemptResult } from "./send";
import { nextAttemptAt, RETRY_WINDOW_MS } from "./retry-schedule";

export interface ClaimedDelivery {
  id: string;
  eventId: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  endpoint: { id: string; url: string; secret: string };
}

const RETRYABLE = ["pending", "failed"];

function claimableWhere(now: Date) {
  return {
    status: { in: RETRYABLE },
    nextAttemptAt: { lte: now },
    // Free, or held by a worker that died or hung: its lease ran out.
    OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
  };
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints for `workerId`, each with a lease of
 * `leaseMs`. Each claim is a conditional update, so when workers race for a row exactly one wins it
 * and no row is sent twice while its lease is live.
 */
export async function claimDueDeliveries(db: Db, workerId: string, options: { limit: number; leaseMs: number; now: Date }): Promise<ClaimedDelivery[]> {
  const { limit, leaseMs, now } = options;
  const candidates = await db.webhookDelivery.findMany({
    where: { ...claimableWhere(now), endpoint: { enabled: true } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, eventId: true, payload: true, attempts: true, createdAt: true, endpoint: { select: { id: true, url: true, secret: true } } },
  });
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  const claimed: ClaimedDelivery[] = [];
  for (const candidate of candidates) {
    const won = await db.webhookDelivery.updateMany({
      where: { id: candidate.id, attempts: candidate.attempts, ...claimableWhere(now) },
      data: { leaseOwner: workerId, leaseExpiresAt },
    });
    if (won.count === 1) claimed.push(candidate);
  }
  return claimed;
}

export interface RecordOptions {
  now: Date;
  random?: () => number;
}

/** What recording an attempt changed beyond the delivery: the endpoint it disabled, if any. */
export interface RecordedAttempt {
  held: boolean;
  status: "succeeded" | "failed" | "dead";
  disabledEndpoint: { id: string; ownerId: string | null; roomId: string | null; url: string; reason: string } | null;
}

/**
 * Records an attempt of a delivery this worker holds: success; or failure with the next attempt
 * (exponential backoff with jitter) or `dead` past the 24 h window. Tracks the endpoint's unbroken
 * run of failures and disables it, with the reason, once that run has lasted 24 h.
 */
export async function recordAttempt(db: Db, delivery: ClaimedDelivery, workerId: string, result: AttemptResult, options: RecordOptions): Promise<RecordedAttempt> {
  const { now } = options;
  const attempts = delivery.attempts + 1;
  const next = result.ok ? null : nextAttemptAt(delivery.createdAt, attempts, now, options.random);
  const status = result.ok ? "succeeded" : next ? "failed" : "dead";
  const saved = await db.webhookDelivery.updateMany({
    where: { id: delivery.id, leaseOwner: workerId },
    data: {
      status,
      attempts,
      lastAttemptAt: now,
      responseCode: result.responseCode,
      lastError: result.error?.slice(0, 500) ?? null,
      durationMs: result.durationMs,
      ...(next && { nextAttemptAt: next }),
      leaseOwner: null,
      leaseExpiresAt: null,
    },
  });
  if (saved.count === 0) return { held: false, status, disabledEndpoint: null };
  const endpointId = delivery.endpoint.id;
  if (result.ok) {
    await db.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: { not: null } }, data: { failingSince: null } });
    return { held: true, status, disabledEndpoint: null };
  }
  await db.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: null }, data: { failingSince: now } });
  const reason = `Every delivery failed for 24 hours (last error: ${result.error ?? "unknown"}). Fix the receiver, then enable the endpoint again.`;
  const disabled = await db.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true, failingSince: { lte: new Date(now.getTime() - RETRY_WINDOW_MS) } },
    data: { enabled: false, disabledReason: reason.slice(0, 500), disabledAt: now },
  });
  if (disabled.count === 0) return { held: true, status, disabledEndpoint: null };
  await db.webhookDelivery.updateMany({
    where: { endpointId, status: { in: RETRYABLE } },
    data: { status: "dead", lastError: "The endpoint was disabled.", leaseOwner: null, leaseExpiresAt: null },
  });
  const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { ownerId: true, roomId: true, url: true } });
  await writeAudit(db, { actorId: null, action: "webhook.auto_disabled", targetType: "webhook_endpoint", targetId: endpointId, details: { roomId: endpoint.roomId, url: endpoint.url, reason } });
  return { held: true, status, disabledEndpoint: { id: endpointId, ...endpoint, reason } };
}

/** Deletes finished deliveries (succeeded or dead) older than `keepMs`; returns how many. */
export async function pruneDeliveries(db: Db, keepMs: number, now: Date): Promise<number> {
  const { count } = await db.webhookDelivery.deleteMany({
    where: { status: { in: ["succeeded", "dead"] }, createdAt: { lt: new Date(now.getTime() - keepMs) } },
  });
  return count;
}
