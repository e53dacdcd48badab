import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { chartNameSchema } from "../../analytics/chart-export";
import { chartQuerySchema, usageQuerySchema, usageSchema } from "../analytics-schemas";
import { BEARER, errors, json } from "./common";

const chartSchema = z
  .object({
    rows: z.array(z.record(z.string(), z.unknown())).meta({ description: "The chart's rows; the CSV export has the same columns." }),
    range: z.object({ from: z.iso.datetime(), to: z.iso.datetime(), period: z.enum(["h", "d", "w"]) }),
  })
  .meta({ id: "Chart" });

/** /api/v1/analytics/{chart} and /api/v1/usage (lib/api-v1/analytics-endpoints.ts). */
export function registerAnalyticsPaths(registry: OpenAPIRegistry): void {
  const security = [{ [BEARER]: [] }];
  registry.registerPath({
    method: "get",
    path: "/api/v1/analytics/{chart}",
    tags: ["Analytics"],
    summary: "A dashboard chart or table, as JSON or CSV. Scope: analytics:read.",
    security,
    request: { params: z.object({ chart: chartNameSchema }), query: chartQuerySchema },
    responses: {
      200: {
        description: "The chart (JSON), or its rows as CSV (`format=csv`).",
        content: { "application/json": { schema: chartSchema }, "text/csv": { schema: z.string() } },
      },
      ...errors(400, 403, 404),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/usage",
    tags: ["Analytics"],
    summary: "The caller's own chat turns, tokens and cost, per model. Any scope.",
    security,
    request: { query: usageQuerySchema },
    responses: { 200: json(usageSchema, "The caller's usage in the window (whole hours)."), ...errors(400) },
  });
}
