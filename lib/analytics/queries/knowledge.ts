import type { Db } from "../../db/client";
import type { AnalyticsFilter } from "../scope";
import { iso, rollupQuery, type Source } from "./base";

export interface KnowledgePoint {
  bucket: string;
  ingested: number;
  failed: number;
  searches: number;
  citationsOpened: number;
}

const TYPES = ["knowledge.ingested", "knowledge.failed", "knowledge.search", "knowledge.citation_opened"];
const countOf = (type: string) => `SUM(CASE WHEN r."type" = '${type}' THEN r."count" ELSE 0 END)`;

export async function knowledgeSeries(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<KnowledgePoint[]> {
  const r = rollupQuery(db, f, source);
  const rows = await r.run<KnowledgePoint>(`SELECT r."bucket" AS bucket, ${countOf("knowledge.ingested")} AS ingested,
      ${countOf("knowledge.failed")} AS failed, ${countOf("knowledge.search")} AS searches,
      ${countOf("knowledge.citation_opened")} AS "citationsOpened"
    FROM ${r.table()} r WHERE ${r.where("r", { teamWide: true })} AND r."type" IN (${TYPES.map((t) => `'${t}'`).join(", ")})
    GROUP BY r."bucket" ORDER BY r."bucket"`);
  return rows.map((row) => ({ ...row, bucket: iso(row.bucket) }));
}

export interface KnowledgeFailureRow {
  reason: string;
  count: number;
}

export async function knowledgeFailures(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<KnowledgeFailureRow[]> {
  const r = rollupQuery(db, f, source);
  return r.run<KnowledgeFailureRow>(`SELECT CASE WHEN r."label" = '' THEN 'UNKNOWN' ELSE r."label" END AS reason,
      SUM(r."count") AS count
    FROM ${r.table()} r WHERE ${r.where("r", { wholeWindow: true, teamWide: true })} AND r."type" = 'knowledge.failed'
    GROUP BY 1 ORDER BY count DESC, reason`);
}
