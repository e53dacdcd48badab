import { chartResponse } from "@/app/_server/analytics";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { chartEndpoint } from "@/lib/api-v1/analytics-endpoints";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** A dashboard chart or table (`?range=&from=&to=&scope=&id=&format=json|csv`). */
export const GET = route<{ chart: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  const deps = { db: await getDb(), retentionDays: getConfig().env.ANALYTICS_RETENTION_DAYS };
  return chartResponse(await chartEndpoint(deps, principal, params.chart, Object.fromEntries(req.nextUrl.searchParams)));
});
