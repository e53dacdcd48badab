import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { usageEndpoint } from "@/lib/api-v1/analytics-endpoints";
import { getConfig } from "@/lib/config";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The caller's own chat usage (`?from=&to=`), per model. */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  const deps = { db: await getDb(), retentionDays: getConfig().env.ANALYTICS_RETENTION_DAYS };
  return NextResponse.json(await usageEndpoint(deps, principal, Object.fromEntries(req.nextUrl.searchParams)));
});
