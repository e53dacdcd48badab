import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import type { Logger } from "../observability/logger";
import { resolveDeliveryTarget, type Resolver } from "./address-policy";
import { claimDueDeliveries, pruneDeliveries, recordAttempt, type ClaimedDelivery } from "./delivery-queue";
import { DEFAULT_TIMEOUT_MS, sendSignedWebhook, type AttemptResult } from "./send";

export interface WebhookDeliveryDeps {
  db: Db;
  log: Logger;
  /** WEBHOOK_ALLOW_PRIVATE: deliver to private and loopback addresses too. */
  allowPrivate: boolean;
  workerId: string;
  /** Deliveries sent at once in one pass. */
  batchSize?: number;
  timeoutMs?: number;
  /** Injectable for tests: the clock that decides what is due and when to retry. */
  now?: () => Date;
  random?: () => number;
  resolve?: Resolver;
}

export interface WebhookWorker {
  readonly workerId: string;
  stop(): Promise<void>;
}

const DEFAULT_BATCH = 8;
const DEFAULT_POLL_MS = 1_000;
// Finished deliveries are kept this long for the lists, then pruned (checked hourly).
const KEEP_FINISHED_MS = 30 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;

async function attempt(deps: WebhookDeliveryDeps, delivery: ClaimedDelivery, at: Date): Promise<AttemptResult> {
  const started = performance.now();
  try {
    const target = await resolveDeliveryTarget(delivery.endpoint.url, { allowPrivate: deps.allowPrivate, resolve: deps.resolve });
    return await sendSignedWebhook(target, { eventId: delivery.eventId, secret: delivery.endpoint.secret, body: delivery.payload, timestamp: at }, deps.timeoutMs);
  } catch (err) {
    return { ok: false, responseCode: null, error: (err as Error).message, durationMs: Math.round(performance.now() - started) };
  }
}

async function deliverOne(deps: WebhookDeliveryDeps, delivery: ClaimedDelivery): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const result = await attempt(deps, delivery, now());
  const recorded = await recordAttempt(deps.db, delivery, deps.workerId, result, { now: now(), random: deps.random });
  if (!recorded.held) deps.log.warn({ deliveryId: delivery.id }, "lost the lease of a webhook delivery before recording it");
  if (recorded.disabledEndpoint) {
    const { id, ownerId, roomId, url, reason } = recorded.disabledEndpoint;
    deps.log.warn({ endpointId: id, ownerId, roomId, url, reason }, "disabled a webhook endpoint that failed for 24 hours");
  }
}

/**
 * One pass: claims the deliveries due now and sends them, at most `batchSize` at once. Returns how
 * many it claimed. The lease outlasts the send timeout, so a live attempt is never sent twice.
 */
export async function deliverDueWebhooks(deps: WebhookDeliveryDeps): Promise<number> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const claimed = await claimDueDeliveries(deps.db, deps.workerId, {
    limit: deps.batchSize ?? DEFAULT_BATCH,
    leaseMs: timeoutMs * 3 + 10_000,
    now: (deps.now ?? (() => new Date()))(),
  });
  await Promise.all(
    claimed.map((d) => deliverOne(deps, d).catch((err: unknown) => deps.log.error({ err, deliveryId: d.id }, "webhook delivery failed unexpectedly"))),
  );
  return claimed.length;
}

/**
 * Delivers webhooks from the database queue until stopped: a pass whenever the last one found work,
 * otherwise every `pollMs`. Several workers (processes or machines) may run on one database.
 */
export function startWebhookWorker(options: Omit<WebhookDeliveryDeps, "workerId"> & { workerId?: string; pollMs?: number }): WebhookWorker {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const deps: WebhookDeliveryDeps = { ...options, workerId };
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let lastPrune = 0;

  async function loop(): Promise<void> {
    while (!stopping) {
      const found = await deliverDueWebhooks(deps).catch((err: unknown) => {
        deps.log.warn({ err }, "could not claim webhook deliveries");
        return 0;
      });
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        await pruneDeliveries(deps.db, KEEP_FINISHED_MS, new Date()).catch((err: unknown) => deps.log.warn({ err }, "pruning webhook deliveries failed"));
      }
      if (found === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, pollMs);
        });
      }
    }
  }

  const running = loop();
  deps.log.info({ workerId }, "webhook worker started");
  return {
    workerId,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
