import { dbProvider, type Db } from "./client";
import type { DbProvider } from "./target";

/**
 * The few SQL spellings that differ between SQLite and PostgreSQL, and a tiny parameter builder, so
 * each raw query (analytics, room documents) is written once. Timestamps: Prisma stores DateTime on SQLite as ISO text
 * (`2026-01-01T10:30:00.000+00:00`), which compares correctly as text; on PostgreSQL as
 * `timestamp(3)` in UTC.
 */
export interface Dialect {
  provider: DbProvider;
  /** The start of the hour ("h"), UTC day ("d") or week ("w", Monday) of a timestamp column, in the column's own format. */
  truncate(column: string, period: Period): string;
  /** A numeric field of the JSON column "j" of `events()`; NULL when absent or not a number. */
  num(column: string, key: string): string;
  /** A text JSON field; NULL when absent or null. */
  text(column: string, key: string): string;
  /** A timestamp parameter placeholder for `value`. */
  ts(q: SqlParams, value: Date): string;
  /** Natural log. */
  ln(expr: string): string;
  /**
   * UsageEvent rows matching `where`, with the JSON payload as column "j", parsed once per row on
   * PostgreSQL (jsonb) instead of once per field; `num`/`text` take "j". The cast sits in a LATERAL
   * subquery with `OFFSET 0` so PostgreSQL cannot inline it into every use of "j" (that was about 20
   * parses per row), while filters on the event's own columns still reach the table scan.
   */
  events(where: string): string;
}

/** A chart's bucket size: hour, UTC day, or week from Monday 00:00 UTC. */
export type Period = "h" | "d" | "w";

export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly provider: DbProvider) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.provider === "postgresql" ? `$${this.values.length}` : "?";
  }
  /** `(p1, p2, …)` for an IN list; never empty (a list with one impossible value instead). */
  list(values: readonly string[]): string {
    const items = values.length > 0 ? values : ["\u0000"];
    return `(${items.map((v) => this.add(v)).join(", ")})`;
  }
}

const sqlite: Dialect = {
  provider: "sqlite",
  truncate: (c, p) =>
    p === "h"
      ? `(substr(${c}, 1, 13) || ':00:00.000+00:00')`
      : p === "d"
        ? `(substr(${c}, 1, 10) || 'T00:00:00.000+00:00')`
        : `(date(substr(${c}, 1, 10), '-6 days', 'weekday 1') || 'T00:00:00.000+00:00')`,
  num: (c, k) => `(CASE WHEN json_type(${c}, '$.${k}') IN ('integer', 'real') THEN json_extract(${c}, '$.${k}') END)`,
  text: (c, k) => `(CASE WHEN json_type(${c}, '$.${k}') = 'text' THEN json_extract(${c}, '$.${k}') END)`,
  ts: (q, v) => q.add(sqliteTimestamp(v)),
  ln: (e) => `ln(${e})`,
  events: (w) => `(SELECT *, "data" AS "j" FROM "UsageEvent" WHERE ${w})`,
};

const postgresql: Dialect = {
  provider: "postgresql",
  truncate: (c, p) => `date_trunc('${{ h: "hour", d: "day", w: "week" }[p]}', ${c})`,
  num: (c, k) => `(CASE WHEN jsonb_typeof(${c} -> '${k}') = 'number' THEN (${c} ->> '${k}')::double precision END)`,
  text: (c, k) => `(CASE WHEN jsonb_typeof(${c} -> '${k}') = 'string' THEN ${c} ->> '${k}' END)`,
  ts: (q, v) => `${q.add(v.toISOString())}::timestamptz AT TIME ZONE 'UTC'`,
  ln: (e) => `ln((${e})::double precision)`,
  events: (w) => `(SELECT e.*, p."j" FROM "UsageEvent" e CROSS JOIN LATERAL (SELECT e."data"::jsonb AS "j" OFFSET 0) p WHERE ${w})`,
};

function sqliteTimestamp(value: Date): string {
  return value.toISOString().replace("Z", "+00:00");
}

export function dialectOf(db: Db): Dialect {
  return dbProvider(db) === "postgresql" ? postgresql : sqlite;
}

/** Runs a SELECT built with `q`; numeric aggregates come back as numbers on both providers. */
export async function select<T>(db: Pick<Db, "$queryRawUnsafe">, sql: string, q: SqlParams): Promise<T[]> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...q.values);
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = normalise(value);
    return out as T;
  });
}

function normalise(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value !== null && typeof value === "object" && !(value instanceof Date) && "toNumber" in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return value;
}
