import { analyticsRequest } from "@/app/_server/analytics";
import { requireApiUser, route } from "@/app/_server/route";
import { CHART_NAMES, CHARTS, type ChartName } from "@/lib/analytics/charts";
import { toCsv } from "@/lib/analytics/csv";
import { AppError } from "@/lib/errors/app-error";
import { NextResponse } from "next/server";
import { z } from "zod";

export const dynamic = "force-dynamic";

const chartSchema = z.enum(CHART_NAMES as [ChartName, ...ChartName[]]);
const formatSchema = z.enum(["json", "csv"]).default("json");

/** One dashboard chart or table for the signed-in user's scope, as JSON or (`?format=csv`) CSV. */
export const GET = route<{ chart: string }>(async (req, { params }) => {
  const user = await requireApiUser();
  const chart = chartSchema.safeParse(params.chart);
  if (!chart.success) throw new AppError("NOT_FOUND", "No such chart.");
  const format = formatSchema.safeParse(req.nextUrl.searchParams.get("format") ?? undefined);
  if (!format.success) throw new AppError("VALIDATION_FAILED", "format must be json or csv.");
  const { db, filter } = await analyticsRequest(req, user);
  const def = CHARTS[chart.data];
  const rows = await def.run(db, filter);
  if (format.data === "csv") {
    const day = filter.from.toISOString().slice(0, 10);
    return new Response(toCsv(def.columns, rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${chart.data}-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return NextResponse.json(
    { rows, range: { from: filter.from.toISOString(), to: filter.to.toISOString(), period: filter.period } },
    { headers: { "Cache-Control": "private, max-age=15" } },
  );
});
