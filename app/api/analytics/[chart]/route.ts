import { chartResponse } from "@/app/_server/analytics";
import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { chartFormatSchema, chartNameSchema, exportChart } from "@/lib/analytics/chart-export";
import { getConfig } from "@/lib/config";
import { z } from "zod";
import { parseParams, parseQuery } from "@/app/_server/input";

export const dynamic = "force-dynamic";

const formatSchema = z.object({ format: chartFormatSchema });

/** One dashboard chart or table for the signed-in user's scope, as JSON or (`?format=csv`) CSV. */
export const GET = route<{ chart: string }>(async (req, { params }) => {
  const user = await requireApiUser();
  const chart = parseParams(chartNameSchema, params.chart, "No such chart.");
  const { format } = parseQuery(req, formatSchema, "format must be json or csv.");
  const query = Object.fromEntries(req.nextUrl.searchParams);
  return chartResponse(await exportChart(await getDb(), user, { chart, format, query, retentionDays: getConfig().env.ANALYTICS_RETENTION_DAYS }));
});
