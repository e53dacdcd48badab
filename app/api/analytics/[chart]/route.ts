import { analyticsRequest } from "@/app/_server/analytics";
import { requireApiUser, route } from "@/app/_server/route";
import { CHART_NAMES, CHARTS, type ChartName } from "@/lib/analytics/charts";
import { toCsv } from "@/lib/analytics/csv";
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseParams, parseQuery } from "@/app/_server/input";

export const dynamic = "force-dynamic";

const chartSchema = z.enum(CHART_NAMES as [ChartName, ...ChartName[]]);
const formatSchema = z.object({ format: z.enum(["json", "csv"]).default("json") });

/** One dashboard chart or table for the signed-in user's scope, as JSON or (`?format=csv`) CSV. */
export const GET = route<{ chart: string }>(async (req, { params }) => {
  const user = await requireApiUser();
  const chart = parseParams(chartSchema, params.chart, "No such chart.");
  const { format } = parseQuery(req, formatSchema, "format must be json or csv.");
  const { db, filter } = await analyticsRequest(req, user);
  const def = CHARTS[chart];
  const rows = await def.run(db, filter);
  if (format === "csv") {
    const day = filter.from.toISOString().slice(0, 10);
    return new Response(toCsv(def.columns, rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${chart}-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return NextResponse.json(
    { rows, range: { from: filter.from.toISOString(), to: filter.to.toISOString(), period: filter.period } },
    { headers: { "Cache-Control": "private, max-age=15" } },
  );
});
