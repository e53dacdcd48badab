import "server-only";
import type { ChartExport } from "@/lib/analytics/chart-export";
import { NextResponse } from "next/server";

/** A chart export as the dashboard's download and the API answer it. */
export function chartResponse(exported: ChartExport): Response {
  if (exported.format === "csv") {
    return new Response(exported.csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exported.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return NextResponse.json(exported.body, { headers: { "Cache-Control": "private, max-age=15" } });
}
