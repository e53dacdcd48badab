import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { ALL, keySql, latencySamplesSql, MEASURES } from "./measures";
import { dialectOf, SqlParams, type Dialect, type Period } from "../db/sql";

/**
 * Maintains UsageRollup and UsageLatencyBin incrementally. Each run claims a batch of events not yet
 * rolled up (`rollupBatch IS NULL`: the per-event watermark, so late or back-dated events are still
 * counted exactly once), adds their aggregates to the hourly, daily and weekly rows, and commits
 * them in one transaction. Concurrent runners are safe: on PostgreSQL they queue on a transaction-scoped advisory
 * lock, on SQLite the claim's UPDATE takes the database write lock; either way the second runner's
 * claim only sees events the first did not take. Re-running is a no-op.
 */
const ADVISORY_LOCK_KEY = 7_346_001;

export interface RollupResult {
  events: number;
  batches: number;
}

export async function runRollup(db: Db, options: { batchSize?: number; maxBatches?: number } = {}): Promise<RollupResult> {
  const batchSize = options.batchSize ?? 20_000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const dialect = dialectOf(db);
  let events = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const claimed = await db.$transaction((tx) => rollupBatch(tx as unknown as Db, dialect, batchSize), {
      timeout: 120_000,
      maxWait: 60_000,
    });
    if (claimed === 0) break;
    events += claimed;
    batches += 1;
    if (claimed < batchSize) break;
  }
  if (events > 0) await setState(db, "rollup.lastRunAt", new Date().toISOString());
  return { events, batches };
}

async function rollupBatch(tx: Db, dialect: Dialect, batchSize: number): Promise<number> {
  if (dialect.provider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
  const batch = randomUUID();
  const q = new SqlParams(dialect.provider);
  const claimed = await tx.$executeRawUnsafe(
    `UPDATE "UsageEvent" SET "rollupBatch" = ${q.add(batch)} WHERE "id" IN (SELECT "id" FROM "UsageEvent" WHERE "rollupBatch" IS NULL LIMIT ${q.add(batchSize)})`,
    ...q.values,
  );
  if (claimed === 0) return 0;
  await runParams(tx, dialect, (p) => rollupSql(dialect, p, batch));
  await runParams(tx, dialect, (p) => latencySql(dialect, p, batch));
  return claimed;
}

async function runParams(tx: Db, dialect: Dialect, build: (q: SqlParams) => string): Promise<void> {
  const q = new SqlParams(dialect.provider);
  const sql = build(q);
  await tx.$executeRawUnsafe(sql, ...q.values);
}

/** The periods summed from the batch's hourly sums (see grains.ts). */
const COARSER: Period[] = ["d", "w"];

/**
 * The batch's events are read once, summed per hour ("h" rows), and the daily and weekly rows are
 * sums of those hourly sums; all are added to the stored rows in one statement. Each period also
 * gets team-wide rows (user and room "*") for the charts that do not split by user or room.
 */
function rollupSql(d: Dialect, q: SqlParams, batch: string): string {
  const measures = MEASURES.map(([c]) => `"${c}"`);
  const columns = measures.join(", ");
  const sums = MEASURES.map(([c, e]) => `SUM(${e(d)}) AS "${c}"`).join(", ");
  const resums = measures.map((c) => `SUM(${c})`).join(", ");
  const key = `"type", "userId", "roomId", "model", "label"`;
  const updates = ["count", ...MEASURES.map(([c]) => c)].map((c) => `"${c}" = "UsageRollup"."${c}" + excluded."${c}"`).join(", ");
  const grains = (["h", ...COARSER] as const).flatMap((period) => {
    const bucket = period === "h" ? `"bucket"` : d.truncate('"bucket"', period);
    return [
      period === "h"
        ? `SELECT 'h', "bucket", ${key}, "count", ${columns} FROM hourly`
        : `SELECT '${period}', ${bucket}, ${key}, SUM("count"), ${resums} FROM hourly GROUP BY 2, 3, 4, 5, 6, 7`,
      `SELECT '${period}', ${bucket}, "type", '${ALL}', '${ALL}', "model", "label", SUM("count"), ${resums}
        FROM hourly GROUP BY 2, 3, 6, 7`,
    ];
  });
  return `WITH hourly AS MATERIALIZED (
      SELECT ${keySql(d, "h")}, COUNT(*) AS "count", ${sums}
      FROM ${d.events(`"rollupBatch" = ${q.add(batch)}`)} ev
      GROUP BY 1, 2, 3, 4, 5, 6)
    INSERT INTO "UsageRollup" ("period", "bucket", ${key}, "count", ${columns})
    ${grains.join("\n    UNION ALL\n    ")}
    ON CONFLICT ("period", "bucket", "type", "userId", "roomId", "model", "label") DO UPDATE SET ${updates}`;
}

/**
 * Latency bins per user and room ("dims"), and once more across all users and rooms (user and room
 * "*"), so team-wide percentiles read a few rows per bucket instead of one per user and room; for
 * every period. The batch's samples are binned once per hour and every other row is summed from those.
 */
function latencySql(d: Dialect, q: SqlParams, batch: string): string {
  const grains = (["h", ...COARSER] as const).flatMap((period) => {
    const bucket = period === "h" ? `"bucket"` : d.truncate('"bucket"', period);
    return [
      period === "h"
        ? `SELECT 'h', "bucket", "metric", "model", "userId", "roomId", "bin", "count" FROM hourly`
        : `SELECT '${period}', ${bucket}, "metric", "model", "userId", "roomId", "bin", SUM("count") FROM hourly GROUP BY 2, 3, 4, 5, 6, 7`,
      `SELECT '${period}', ${bucket}, "metric", "model", '${ALL}', '${ALL}', "bin", SUM("count") FROM hourly GROUP BY 2, 3, 4, 7`,
    ];
  });
  return `WITH hourly AS MATERIALIZED (
      SELECT "bucket", "metric", "model", "userId", "roomId", "bin", COUNT(*) AS "count"
      FROM (${latencySamplesSql(d, "h", () => `"rollupBatch" = ${q.add(batch)}`)}) s
      GROUP BY 1, 2, 3, 4, 5, 6)
    INSERT INTO "UsageLatencyBin" ("period", "bucket", "metric", "model", "userId", "roomId", "bin", "count")
    ${grains.join("\n    UNION ALL\n    ")}
    ON CONFLICT ("period", "bucket", "metric", "model", "userId", "roomId", "bin") DO UPDATE SET "count" = "UsageLatencyBin"."count" + excluded."count"`;
}

/**
 * Deletes raw events older than the retention that are already rolled up; the rollups keep
 * answering for them. Returns how many were deleted.
 */
export async function pruneUsageEvents(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const dialect = dialectOf(db);
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let deleted = 0;
  for (;;) {
    const q = new SqlParams(dialect.provider);
    const n = await db.$executeRawUnsafe(
      `DELETE FROM "UsageEvent" WHERE "id" IN (SELECT "id" FROM "UsageEvent" WHERE "createdAt" < ${dialect.ts(q, cutoff)}
        AND "rollupBatch" IS NOT NULL LIMIT 50000)`,
      ...q.values,
    );
    deleted += n;
    if (n < 50_000) break;
  }
  await setState(db, "prune.lastRunAt", now.toISOString());
  return deleted;
}

async function setState(db: Db, key: string, value: string): Promise<void> {
  await db.analyticsState.upsert({ where: { key }, create: { key, value }, update: { value } });
}
