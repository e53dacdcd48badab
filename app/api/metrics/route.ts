import { getCurrentUser } from "@/app/_server/session";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { registerUsageMetrics } from "@/lib/analytics/prometheus";
import "@/lib/ai/resilience/metrics";
import { isAdmin } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors/app-error";
import { metricsRegistry } from "@/lib/observability/metrics";
import { timingSafeEqual } from "node:crypto";

export const dynamic = "force-dynamic";

function bearerMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus text of the web process. With METRICS_TOKEN set, scrapers send it as a bearer token;
 * without it, only signed-in admins may read the metrics.
 */
export const GET = route(async (req) => {
  const token = getConfig().env.METRICS_TOKEN;
  if (token) {
    if (!bearerMatches(req.headers.get("authorization"), token)) throw new AppError("UNAUTHENTICATED", "A valid metrics token is required.");
  } else if (!isAdmin(await getCurrentUser())) {
    throw new AppError("FORBIDDEN", "Set METRICS_TOKEN to scrape metrics, or sign in as an admin.");
  }
  registerUsageMetrics(getDb);
  return new Response(await metricsRegistry.metrics(), {
    headers: { "Content-Type": metricsRegistry.contentType, "Cache-Control": "no-store" },
  });
});
