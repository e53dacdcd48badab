import "server-only";
import { getConfig } from "@/lib/config";
import type { SessionUser } from "@/lib/auth/roles";
import { refreshRollups } from "@/lib/analytics/maintenance";
import { analyticsQuerySchema, resolveFilter, type AnalyticsFilter } from "@/lib/analytics/scope";
import type { Db } from "@/lib/db/client";
import type { NextRequest } from "next/server";
import { getDb } from "./runtime";
import { parseQuery } from "./input";

/** Parses the dashboard query of a request, brings the rollup up to date and resolves the user's scope. */
export async function analyticsRequest(req: NextRequest, user: SessionUser): Promise<{ db: Db; filter: AnalyticsFilter }> {
  const query = parseQuery(req, analyticsQuerySchema);
  const db = await getDb();
  await refreshRollups(db, getConfig().env.ANALYTICS_RETENTION_DAYS);
  return { db, filter: await resolveFilter(db, user, query) };
}
