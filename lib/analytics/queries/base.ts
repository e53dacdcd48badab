import type { Db } from "../../db/client";
import type { AnalyticsFilter } from "../scope";
import { ALL, keySql, latencySamplesSql, MEASURES } from "../measures";
import { cover, type Span } from "../grains";
import { dialectOf, select, SqlParams, type Dialect } from "../../db/sql";

/**
 * Where a query reads: the maintained rollup tables, or ("raw") the same rows computed on the fly
 * from UsageEvent — the benchmark's anchor and the tests' from-scratch reference.
 */
export type Source = "rollup" | "raw";

/** Which rollup rows a query reads (see `RollupQuery.where`). */
export interface RowChoice {
  /**
   * The query sums over the whole window instead of grouping by bucket, so it reads the coarsest
   * rows covering the window (grains.ts: weeks, days, edge hours) rather than one per bucket.
   */
  wholeWindow?: boolean;
  /**
   * The query neither groups nor counts by user or room, so unless the scope is one user or room it
   * reads the team-wide rows (user and room "*": one per bucket and key instead of one per user and
   * room). Every other query reads the per-user rows and skips the team-wide ones.
   */
  teamWide?: boolean;
}

/** A query over the rollup tables: the dialect, its parameters, and the scope's WHERE clause. */
export interface RollupQuery {
  d: Dialect;
  q: SqlParams;
  /**
   * `period = … AND bucket >= … AND bucket < … AND <scope> AND <team-wide or per-user rows>` for
   * the table aliased `alias`; with `wholeWindow`, one such term per span of the cover, joined by OR.
   */
  where(alias: string, rows?: RowChoice): string;
  /** The UsageRollup rows to read (call where it appears in the SQL: parameters are positional). */
  table(): string;
  /** The UsageLatencyBin rows to read. */
  bins(): string;
  run<T>(sql: string): Promise<T[]>;
}

export function rollupQuery(db: Db, f: AnalyticsFilter, source: Source = "rollup"): RollupQuery {
  const d = dialectOf(db);
  const q = new SqlParams(d.provider);
  const inRange = () => `"createdAt" >= ${d.ts(q, f.from)} AND "createdAt" < ${d.ts(q, f.to)}`;
  const span = (alias: string, s: Span, teamWide: boolean) => {
    const parts = [
      `${alias}."period" = ${q.add(s.period)}`,
      `${alias}."bucket" >= ${d.ts(q, s.from)}`,
      `${alias}."bucket" < ${d.ts(q, s.to)}`,
    ];
    if (f.userId !== undefined) parts.push(`${alias}."userId" = ${q.add(f.userId)}`);
    if (f.roomId !== undefined) parts.push(`${alias}."roomId" = ${q.add(f.roomId)}`);
    if (f.model !== undefined) parts.push(`${alias}."model" = ${q.add(f.model)}`);
    if (teamWide) parts.push(`${alias}."userId" = '${ALL}'`, `${alias}."roomId" = '${ALL}'`);
    else if (source === "rollup" && f.userId === undefined) parts.push(`${alias}."userId" <> '${ALL}'`);
    return parts.join(" AND ");
  };
  return {
    table() {
      if (source === "rollup") return `"UsageRollup"`;
      const measures = MEASURES.map(([c, e]) => `${e(d)} AS "${c}"`).join(", ");
      return `(SELECT '${f.period}' AS "period", ${keySql(d, f.period)}, 1 AS "count", ${measures}
        FROM ${d.events(inRange())} ev)`;
    },
    bins() {
      if (source === "rollup") return `"UsageLatencyBin"`;
      return `(SELECT '${f.period}' AS "period", "bucket", "metric", "model", "userId", "roomId", "bin", 1 AS "count"
        FROM (${latencySamplesSql(d, f.period, inRange)}) s)`;
    },
    d,
    q,
    where(alias, rows = {}) {
      // Raw rows are computed per bucket of the filter's period only, and have no team-wide rows.
      const rollup = source === "rollup";
      const spans = rollup && rows.wholeWindow ? cover(f.from, f.to, f.period) : [{ period: f.period, from: f.from, to: f.to }];
      const teamWide = rollup && rows.teamWide === true && f.userId === undefined && f.roomId === undefined;
      const terms = spans.map((s) => span(alias, s, teamWide));
      return terms.length === 1 ? terms[0]! : `(${terms.map((t) => `(${t})`).join(" OR ")})`;
    },
    run: (sql) => select(db, sql, q),
  };
}

/**
 * Names the rows of a per-user or per-room aggregate (`aggregate` selects the id as "userId" or
 * "roomId"): the name is looked up once per result row, after aggregating, not once per rollup row.
 */
export function withNames(aggregate: string, by: "userId" | "roomId", orderBy: string): string {
  const [table, column, missing] = by === "userId" ? ["User", "userName", "(deleted user)"] : ["Room", "roomName", "(deleted room)"];
  return `SELECT a.*, COALESCE(n."name", '${missing}') AS "${column}" FROM (${aggregate}) a
    LEFT JOIN "${table}" n ON n."id" = a."${by}" ORDER BY ${orderBy}`;
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
