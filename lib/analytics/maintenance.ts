import type { Db } from "../db/client";
import { logger } from "../observability/logger";
import { pruneUsageEvents, runRollup } from "./rollup";

/**
 * Keeps the rollup current from the web process: run on read, at most every ROLLUP_EVERY_MS per
 * process (concurrent callers share one run), and prune raw events at most hourly. Runs in other
 * processes are safe too (see rollup.ts).
 */
const ROLLUP_EVERY_MS = 5_000;
const PRUNE_EVERY_MS = 3_600_000;

interface State {
  lastRollup: number;
  lastPrune: number;
  running?: Promise<void>;
}
const state = ((globalThis as { __ecaAnalytics?: State }).__ecaAnalytics ??= { lastRollup: 0, lastPrune: 0 });

export function refreshRollups(db: Db, retentionDays: number, now = Date.now()): Promise<void> {
  if (state.running) return state.running;
  if (now - state.lastRollup < ROLLUP_EVERY_MS) return Promise.resolve();
  state.running = (async () => {
    try {
      const result = await runRollup(db);
      state.lastRollup = Date.now();
      if (result.events > 0) logger.debug({ component: "analytics", ...result }, "rollup");
      if (now - state.lastPrune >= PRUNE_EVERY_MS) {
        state.lastPrune = now;
        const deleted = await pruneUsageEvents(db, retentionDays);
        if (deleted > 0) logger.info({ component: "analytics", deleted, retentionDays }, "pruned usage events");
      }
    } catch (err) {
      logger.warn({ component: "analytics", err }, "rollup failed; serving the last rolled-up answers");
    } finally {
      state.running = undefined;
    }
  })();
  return state.running;
}
