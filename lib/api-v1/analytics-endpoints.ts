import { chartFormatSchema, chartNameSchema, exportChart, type ChartExport } from "../analytics/chart-export";
import { refreshRollups } from "../analytics/maintenance";
import { chatUsageByModel } from "../analytics/queries/chat";
import { alignDown, alignUp } from "../analytics/grains";
import { requireScope, type Principal } from "../auth/principal";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { parseInput } from "../forms/input";
import { z } from "zod";
import { usageQuerySchema, type UsageDto } from "./analytics-schemas";

export interface AnalyticsDeps {
  db: Db;
  /** ANALYTICS_RETENTION_DAYS: refreshing the rollup also prunes older raw events. */
  retentionDays: number;
}

const formatQuerySchema = z.object({ format: chartFormatSchema });

/** GET /api/v1/analytics/:chart: a dashboard chart for the caller's scope, as JSON or CSV; scope `analytics:read`. */
export async function chartEndpoint(deps: AnalyticsDeps, principal: Principal, rawChart: string, query: Record<string, string>): Promise<ChartExport> {
  requireScope(principal, "analytics:read");
  const chart = chartNameSchema.safeParse(rawChart);
  if (!chart.success) throw new AppError("NOT_FOUND", "No such chart.", { charts: chartNameSchema.options });
  const { format } = parseInput(formatQuerySchema, query);
  return exportChart(deps.db, principal.user, { chart: chart.data, format, query, retentionDays: deps.retentionDays });
}

/** GET /api/v1/usage: the caller's own chat turns, tokens and cost in a window (hours), per model; any scope. */
export async function usageEndpoint(deps: AnalyticsDeps, principal: Principal, query: Record<string, string>): Promise<UsageDto> {
  const window = parseInput(usageQuerySchema, query);
  const from = new Date(alignDown(window.from.getTime(), "h"));
  const to = new Date(alignUp(window.to.getTime(), "h"));
  await refreshRollups(deps.db, deps.retentionDays);
  const byModel = await chatUsageByModel(deps.db, { from, to, period: "h", userId: principal.user.id });
  const sum = (key: "turns" | "inputTokens" | "outputTokens" | "costUsd") => byModel.reduce((total, row) => total + row[key], 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    turns: sum("turns"),
    inputTokens: sum("inputTokens"),
    outputTokens: sum("outputTokens"),
    costUsd: Math.round(sum("costUsd") * 1e6) / 1e6,
    byModel,
  };
}
