import type { Db } from "../../db/client";
import { percentileFromBins } from "../histogram";
import { RATING_TYPES } from "../measures";
import type { AnalyticsFilter } from "../scope";
import { dialectOf, select, SqlParams } from "../../db/sql";
import { iso, rollupQuery, round, type Source } from "./base";

export interface ChatUsagePoint {
  bucket: string;
  model: string;
  turns: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Chat turns, tokens and estimated cost per bucket and model. */
export async function chatUsageSeries(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<ChatUsagePoint[]> {
  const r = rollupQuery(db, f, source);
  const rows = await r.run<ChatUsagePoint>(`SELECT r."bucket" AS bucket, r."model" AS model, SUM(r."count") AS turns,
      SUM(r."inputTokens") AS "inputTokens", SUM(r."outputTokens") AS "outputTokens", SUM(r."costUsd") AS "costUsd"
    FROM ${r.table()} r WHERE ${r.where("r", { teamWide: true })} AND r."type" = 'chat.turn'
    GROUP BY r."bucket", r."model" ORDER BY r."bucket", r."model"`);
  return rows.map((row) => ({ ...row, bucket: iso(row.bucket), costUsd: round(row.costUsd) }));
}

export type ChatUsageTotal = Omit<ChatUsagePoint, "bucket">;

/** Turns, tokens and cost per model over the whole window (the caller's own usage, /api/v1/usage). */
export async function chatUsageByModel(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<ChatUsageTotal[]> {
  const r = rollupQuery(db, f, source);
  const rows = await r.run<ChatUsageTotal>(`SELECT r."model" AS model, SUM(r."count") AS turns,
      SUM(r."inputTokens") AS "inputTokens", SUM(r."outputTokens") AS "outputTokens", SUM(r."costUsd") AS "costUsd"
    FROM ${r.table()} r WHERE ${r.where("r", { wholeWindow: true, teamWide: true })} AND r."type" = 'chat.turn'
    GROUP BY r."model" ORDER BY r."model"`);
  return rows.map((row) => ({ ...row, costUsd: round(row.costUsd) }));
}

export interface LatencyRow {
  model: string;
  turns: number;
  errors: number;
  errorRate: number;
  ttftP50: number | null;
  ttftP95: number | null;
  ttftP99: number | null;
  totalP50: number | null;
  totalP95: number | null;
  totalP99: number | null;
}

/** Time to first token and total time (p50/p95/p99 from the latency histogram) and error rate per model. */
export async function latencyByModel(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<LatencyRow[]> {
  const counts = rollupQuery(db, f, source);
  const totals = await counts.run<{ model: string; turns: number; errors: number }>(`SELECT r."model" AS model,
      SUM(r."count") AS turns, SUM(r."errors") AS errors
    FROM ${counts.table()} r WHERE ${counts.where("r", { wholeWindow: true, teamWide: true })} AND r."type" = 'chat.turn'
    GROUP BY r."model" ORDER BY r."model"`);
  const bins = rollupQuery(db, f, source);
  const binRows = await bins.run<{ model: string; metric: string; bin: number; count: number }>(`SELECT b."model" AS model,
      b."metric" AS metric, b."bin" AS bin, SUM(b."count") AS count
    FROM ${bins.bins()} b WHERE ${bins.where("b", { wholeWindow: true, teamWide: true })} GROUP BY b."model", b."metric", b."bin"`);
  const pct = (model: string, metric: string, p: number) =>
    roundMs(percentileFromBins(binRows.filter((b) => b.model === model && b.metric === metric), p));
  return totals.map((t) => ({
    model: t.model,
    turns: t.turns,
    errors: t.errors,
    errorRate: t.turns > 0 ? round(t.errors / t.turns, 4) : 0,
    ttftP50: pct(t.model, "ttft", 0.5),
    ttftP95: pct(t.model, "ttft", 0.95),
    ttftP99: pct(t.model, "ttft", 0.99),
    totalP50: pct(t.model, "total", 0.5),
    totalP95: pct(t.model, "total", 0.95),
    totalP99: pct(t.model, "total", 0.99),
  }));
}

function roundMs(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

export interface FeedbackPoint {
  bucket: string;
  model: string;
  up: number;
  down: number;
}

/** Thumbs up and down per bucket and model: final ratings only (retracted ones cancel out). */
export async function feedbackSeries(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<FeedbackPoint[]> {
  const r = rollupQuery(db, f, source);
  const rows = await r.run<FeedbackPoint>(`SELECT r."bucket" AS bucket, r."model" AS model, SUM(r."ratingUp") AS up,
      SUM(r."ratingDown") AS down
    FROM ${r.table()} r WHERE ${r.where("r", { teamWide: true })} AND r."type" IN ${RATING_TYPES}
    GROUP BY r."bucket", r."model" HAVING SUM(r."ratingUp") <> 0 OR SUM(r."ratingDown") <> 0
    ORDER BY r."bucket", r."model"`);
  return rows.map((row) => ({ ...row, bucket: iso(row.bucket) }));
}

export interface FeedbackComment {
  createdAt: string;
  model: string;
  rating: number;
  comment: string;
  userName: string;
}

/**
 * The latest feedback comments in the scope. Comments are text, so they come from the raw events:
 * once pruned (ANALYTICS_RETENTION_DAYS) they are gone, while the up/down counts stay in the rollup.
 * Events with a comment are flagged when written (`hasComment`), and partial indexes on the flag per
 * scope (all, user, room, model; newest first) find them without reading the other events.
 */
export async function latestFeedbackComments(db: Db, f: AnalyticsFilter, limit = 20): Promise<FeedbackComment[]> {
  const d = dialectOf(db);
  const q = new SqlParams(d.provider);
  const parts = [`"hasComment"`, `"type" = 'chat.feedback'`, `"createdAt" >= ${d.ts(q, f.from)}`, `"createdAt" < ${d.ts(q, f.to)}`];
  if (f.userId !== undefined) parts.push(`"userId" = ${q.add(f.userId)}`);
  if (f.roomId !== undefined) parts.push(`"roomId" = ${q.add(f.roomId)}`);
  if (f.model !== undefined) parts.push(`"model" = ${q.add(f.model)}`);
  const rows = await select<FeedbackComment>(db, `SELECT e."createdAt" AS "createdAt", COALESCE(e."model", '') AS model,
      ${d.num('e."j"', "rating")} AS rating, ${d.text('e."j"', "comment")} AS comment, COALESCE(u."name", '') AS "userName"
    FROM ${d.events(parts.join(" AND "))} e LEFT JOIN "User" u ON u."id" = e."userId"
    ORDER BY e."createdAt" DESC LIMIT ${q.add(limit)}`, q);
  return rows.map((row) => ({ ...row, createdAt: iso(row.createdAt) }));
}
