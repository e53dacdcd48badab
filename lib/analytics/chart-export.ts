import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import type { Db } from "../db/client";
import { CHART_NAMES, CHARTS, type ChartName } from "./charts";
import { toCsv } from "./csv";
import { refreshRollups } from "./maintenance";
import { analyticsQuerySchema, resolveFilter } from "./scope";
import { parseInput } from "../forms/input";

export const chartNameSchema = z.enum(CHART_NAMES as [ChartName, ...ChartName[]]);
export const chartFormatSchema = z.enum(["json", "csv"]).default("json");

export type ChartExport =
  | { format: "json"; body: { rows: unknown[]; range: { from: string; to: string; period: string } } }
  | { format: "csv"; csv: string; filename: string };

/**
 * One dashboard chart or table for the user's scope (lib/analytics/scope.ts decides what they may
 * see), with the rollup brought up to date first: the dashboard's export and the API's alike.
 */
export async function exportChart(
  db: Db,
  user: SessionUser,
  request: { chart: ChartName; format: "json" | "csv"; query: unknown; retentionDays: number },
): Promise<ChartExport> {
  const query = parseInput(analyticsQuerySchema, request.query);
  await refreshRollups(db, request.retentionDays);
  const filter = await resolveFilter(db, user, query);
  const def = CHARTS[request.chart];
  const rows = await def.run(db, filter);
  if (request.format === "csv") {
    const day = filter.from.toISOString().slice(0, 10);
    return { format: "csv", csv: toCsv(def.columns, rows), filename: `${request.chart}-${day}.csv` };
  }
  return { format: "json", body: { rows, range: { from: filter.from.toISOString(), to: filter.to.toISOString(), period: filter.period } } };
}
