import { binSql } from "./histogram";
import type { Dialect, Period } from "../db/sql";

/**
 * How one raw UsageEvent row maps onto the rollup's columns. The incremental rollup sums these per
 * key; the raw (anchor) queries compute the very same projection on the fly, so both paths count
 * identically by construction.
 */
// Float columns are summed as floats: SQLite's JSON gives 0 as an integer, and the SQLite driver
// adapter types a raw result column by its first row, so a first sum of 0 would truncate later ones.
const real = (e: string) => `CAST(${e} AS DOUBLE PRECISION)`;

/** A rating counts once; its retraction (lib/chat/feedback.ts) takes it back, in the same rollup rows. */
const RATING_SIGN = `(CASE "type" WHEN 'chat.feedback' THEN 1 WHEN 'chat.feedback_retracted' THEN -1 ELSE 0 END)`;

/** The event types whose ratings the feedback chart sums. */
export const RATING_TYPES = `('chat.feedback', 'chat.feedback_retracted')`;

export const MEASURES: [column: string, perEvent: (d: Dialect) => string][] = [
  ["errors", (d) => `(CASE WHEN "type" = 'chat.turn' AND ${d.text('"j"', "error")} IS NOT NULL THEN 1 ELSE 0 END)`],
  ["inputTokens", (d) => `COALESCE(${d.num('"j"', "inputTokens")}, 0)`],
  ["outputTokens", (d) => `COALESCE(${d.num('"j"', "outputTokens")}, 0)`],
  ["costUsd", (d) => real(`COALESCE(${d.num('"j"', "costUsd")}, 0)`)],
  ["charsAdded", (d) => `COALESCE(${d.num('"j"', "added")}, 0)`],
  ["charsRemoved", (d) => `COALESCE(${d.num('"j"', "removed")}, 0)`],
  ["activeMinutes", (d) => `COALESCE(${d.num('"j"', "minutes")}, 0)`],
  ["ratingUp", (d) => `(CASE WHEN ${d.num('"j"', "rating")} > 0 THEN ${RATING_SIGN} ELSE 0 END)`],
  ["ratingDown", (d) => `(CASE WHEN ${d.num('"j"', "rating")} < 0 THEN ${RATING_SIGN} ELSE 0 END)`],
  ["bytes", (d) => real(`COALESCE(${d.num('"j"', "bytes")}, 0)`)],
  ["chunks", (d) => `COALESCE(${d.num('"j"', "chunks")}, 0)`],
  ["results", (d) => `COALESCE(${d.num('"j"', "results")}, 0)`],
  ["durationMs", (d) => real(`COALESCE(${d.num('"j"', "totalMs")}, ${d.num('"j"', "ms")}, 0)`)],
];

/** The user and room of latency bins aggregated across all users and rooms. */
export const ALL = "*";

/** The small-cardinality detail kept as a dimension: chat error code, ingestion failure reason, join channel. */
function labelSql(d: Dialect): string {
  return `substr(COALESCE(CASE "type"
    WHEN 'chat.turn' THEN ${d.text('"j"', "error")}
    WHEN 'knowledge.failed' THEN ${d.text('"j"', "reason")}
    WHEN 'collab.join' THEN ${d.text('"j"', "channel")} END, ''), 1, 64)`;
}

/** The rollup key of one event, in key order: bucket, type, userId, roomId, model, label. */
export function keySql(d: Dialect, period: Period): string {
  return `${d.truncate('"createdAt"', period)} AS "bucket", "type", COALESCE("userId", '') AS "userId",
    COALESCE("roomId", '') AS "roomId", COALESCE("model", '') AS "model", ${labelSql(d)} AS "label"`;
}

/**
 * One latency sample per metric of each successful chat turn (an error's timing says nothing about
 * the model's speed), with its histogram bin; `where` selects the events (called once, so positional
 * parameters stay in order). Each event is read once and yields a row per metric.
 */
export function latencySamplesSql(d: Dialect, period: Period, where: () => string): string {
  const turns = `SELECT ${d.truncate('"createdAt"', period)} AS "bucket", COALESCE("model", '') AS "model",
      COALESCE("userId", '') AS "userId", COALESCE("roomId", '') AS "roomId",
      ${d.num('"j"', "ttftMs")} AS "ttft", ${d.num('"j"', "totalMs")} AS "total"
    FROM ${d.events(`${where()} AND "type" = 'chat.turn'`)} ev WHERE ${d.text('"j"', "error")} IS NULL`;
  const samples = `SELECT "bucket", m."metric", "model", "userId", "roomId",
      CASE m."metric" WHEN 'ttft' THEN t."ttft" ELSE t."total" END AS v
    FROM (${turns}) t CROSS JOIN (SELECT 'ttft' AS "metric" UNION ALL SELECT 'total') m`;
  return `SELECT "bucket", "metric", "model", "userId", "roomId", v, ${binSql(d, "v")} AS "bin"
    FROM (${samples}) s WHERE v IS NOT NULL`;
}
