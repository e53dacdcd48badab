import { Counter, Gauge } from "prom-client";
import type { Db } from "../db/client";
import { metricsRegistry } from "../observability/metrics";
import { ALL } from "./measures";

/**
 * Usage figures for /api/metrics, read from the database at scrape time so they are right across
 * restarts and processes: chat turns and tokens (from the daily rollup, all time; pruning does not
 * lower them; the team-wide rows, one per model and day) and ingestion jobs by status.
 */
type DbGetter = () => Promise<Db>;
const holder = globalThis as { __ecaUsageMetrics?: { getDb: DbGetter } };

export function registerUsageMetrics(getDb: DbGetter): void {
  if (holder.__ecaUsageMetrics) {
    holder.__ecaUsageMetrics.getDb = getDb;
    return;
  }
  const state = (holder.__ecaUsageMetrics = { getDb });
  new Counter({
    name: "eca_chat_turns_total",
    help: "Chat turns answered, by model and outcome (ok or error).",
    labelNames: ["model", "outcome"],
    registers: [metricsRegistry],
    async collect() {
      const rows = await chatTotals(await state.getDb());
      this.reset();
      for (const r of rows) {
        this.inc({ model: r.model, outcome: "ok" }, r._sum.count! - r._sum.errors!);
        this.inc({ model: r.model, outcome: "error" }, r._sum.errors!);
      }
    },
  });
  new Counter({
    name: "eca_chat_tokens_total",
    help: "Chat tokens by model and direction (input or output).",
    labelNames: ["model", "direction"],
    registers: [metricsRegistry],
    async collect() {
      const rows = await chatTotals(await state.getDb());
      this.reset();
      for (const r of rows) {
        this.inc({ model: r.model, direction: "input" }, r._sum.inputTokens!);
        this.inc({ model: r.model, direction: "output" }, r._sum.outputTokens!);
      }
    },
  });
  new Gauge({
    name: "eca_ingestion_jobs",
    help: "Knowledge ingestion jobs by status.",
    labelNames: ["status"],
    registers: [metricsRegistry],
    async collect() {
      const rows = await (await state.getDb()).ingestionJob.groupBy({ by: ["status"], _count: { _all: true } });
      this.reset();
      for (const r of rows) this.set({ status: r.status }, r._count._all);
    },
  });
}

/** Chat turns, errors and tokens per model, all time. */
export function chatTotals(db: Db) {
  return db.usageRollup.groupBy({
    by: ["model"],
    where: { period: "d", type: "chat.turn", userId: ALL, roomId: ALL },
    _sum: { count: true, errors: true, inputTokens: true, outputTokens: true },
  });
}
