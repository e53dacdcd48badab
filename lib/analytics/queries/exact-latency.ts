import type { Db } from "../../db/client";
import type { AnalyticsFilter } from "../scope";
import { dialectOf, select, SqlParams } from "../../db/sql";

export interface ExactLatencyRow {
  model: string;
  metric: "ttft" | "total";
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Exact nearest-rank percentiles of successful chat turns, computed in SQL from the raw events:
 * PostgreSQL's percentile_disc, and on SQLite the same definition with ROW_NUMBER/COUNT windows (the
 * first sample whose rank reaches ceil(p·n)). The anchor for the histogram percentiles; only covers
 * events still within the retention.
 */
export async function exactLatencyByModel(db: Db, f: AnalyticsFilter): Promise<ExactLatencyRow[]> {
  const d = dialectOf(db);
  const q = new SqlParams(d.provider);
  const where = () => {
    const parts = [`"type" = 'chat.turn'`, `"createdAt" >= ${d.ts(q, f.from)}`, `"createdAt" < ${d.ts(q, f.to)}`];
    if (f.userId !== undefined) parts.push(`"userId" = ${q.add(f.userId)}`);
    if (f.roomId !== undefined) parts.push(`"roomId" = ${q.add(f.roomId)}`);
    if (f.model !== undefined) parts.push(`"model" = ${q.add(f.model)}`);
    return parts.join(" AND ");
  };
  const samples = (metric: string, key: string) =>
    `SELECT COALESCE("model", '') AS model, '${metric}' AS metric, ${d.num('"j"', key)} AS v
      FROM ${d.events(where())} ev WHERE ${d.text('"j"', "error")} IS NULL`;
  const all = `SELECT * FROM (${samples("ttft", "ttftMs")} UNION ALL ${samples("total", "totalMs")}) s WHERE v IS NOT NULL`;
  const sql =
    d.provider === "postgresql"
      ? `SELECT model, metric, percentile_disc(0.5) WITHIN GROUP (ORDER BY v) AS p50,
          percentile_disc(0.95) WITHIN GROUP (ORDER BY v) AS p95, percentile_disc(0.99) WITHIN GROUP (ORDER BY v) AS p99
        FROM (${all}) a GROUP BY model, metric ORDER BY model, metric`
      : `SELECT model, metric,
          MIN(CASE WHEN rn >= ceil(0.5 * n) THEN v END) AS p50,
          MIN(CASE WHEN rn >= ceil(0.95 * n) THEN v END) AS p95,
          MIN(CASE WHEN rn >= ceil(0.99 * n) THEN v END) AS p99
        FROM (SELECT model, metric, v, ROW_NUMBER() OVER (PARTITION BY model, metric ORDER BY v) AS rn,
            COUNT(*) OVER (PARTITION BY model, metric) AS n FROM (${all}) a) ranked
        GROUP BY model, metric ORDER BY model, metric`;
  return select<ExactLatencyRow>(db, sql, q);
}
