import type { Db } from "../../db/client";
import type { AnalyticsFilter } from "../scope";
import { ALL, keySql, latencySamplesSql, MEASURES } from "../measures";
import { dialectOf, select, SqlParams, type Dialect } from "../sql";

/**
 * Where a query reads: the maintained rollup tables, or ("raw") the same rows computed on the fly
 * from UsageEvent — the benchmark's anchor and the tests' from-scratch reference.
 */
export type Source = "rollup" | "raw";

/** A query over the rollup tables: the dialect, its parameters, and the scope's WHERE clause. */
export interface RollupQuery {
  d: Dialect;
  q: SqlParams;
  /** `period = … AND bucket >= … AND bucket < … AND <scope>` for the table aliased `alias`. */
  where(alias: string): string;
  /** The UsageRollup rows to read (call where it appears in the SQL: parameters are positional). */
  table(): string;
  /** The UsageLatencyBin rows to read. */
  bins(): string;
  /** Picks the bins' grain: the team-wide rows when the scope is not one user or room. */
  binGrain(alias: string): string;
  run<T>(sql: string): Promise<T[]>;
}

export function rollupQuery(db: Db, f: AnalyticsFilter, source: Source = "rollup"): RollupQuery {
  const d = dialectOf(db);
  const q = new SqlParams(d.provider);
  const inRange = () => `"createdAt" >= ${d.ts(q, f.from)} AND "createdAt" < ${d.ts(q, f.to)}`;
  return {
    table() {
      if (source === "rollup") return `"UsageRollup"`;
      const measures = MEASURES.map(([c, e]) => `${e(d)} AS "${c}"`).join(", ");
      return `(SELECT '${f.period}' AS "period", ${keySql(d, f.period)}, 1 AS "count", ${measures}
        FROM ${d.events(inRange())} ev)`;
    },
    binGrain(alias) {
      if (source === "raw" || f.userId !== undefined || f.roomId !== undefined) return "";
      return ` AND ${alias}."userId" = '${ALL}' AND ${alias}."roomId" = '${ALL}'`;
    },
    bins() {
      if (source === "rollup") return `"UsageLatencyBin"`;
      return `(SELECT '${f.period}' AS "period", "bucket", "metric", "model", "userId", "roomId", "bin", 1 AS "count"
        FROM (${latencySamplesSql(d, f.period, inRange)}) s)`;
    },
    d,
    q,
    where(alias) {
      const parts = [
        `${alias}."period" = ${q.add(f.period)}`,
        `${alias}."bucket" >= ${d.ts(q, f.from)}`,
        `${alias}."bucket" < ${d.ts(q, f.to)}`,
      ];
      if (f.userId !== undefined) parts.push(`${alias}."userId" = ${q.add(f.userId)}`);
      if (f.roomId !== undefined) parts.push(`${alias}."roomId" = ${q.add(f.roomId)}`);
      if (f.model !== undefined) parts.push(`${alias}."model" = ${q.add(f.model)}`);
      return parts.join(" AND ");
    },
    run: (sql) => select(db, sql, q),
  };
}

/** Bucket timestamps as ISO strings, whichever provider returned them. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

export function round(value: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
