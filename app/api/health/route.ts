import { getAiRuntime, getDb } from "@/app/_server/runtime";
import { route } from "@/app/_server/route";
import { aiHealthCheck } from "@/lib/ai";
import { collabSidecarCheck } from "@/lib/collab/sidecar-health";
import { getConfig } from "@/lib/config";
import { pingDb } from "@/lib/db/client";
import { logger } from "@/lib/observability/logger";
import { runHealthChecks } from "@/lib/observability/health";
import { processStatusCheck } from "@/lib/observability/process-status";
import { NextResponse } from "next/server";
import packageJson from "@/package.json" with { type: "json" };

export const dynamic = "force-dynamic";

const startedAt = Date.now();

export const GET = route(async () => {
  const report = await runHealthChecks(
    {
      db: {
        critical: true,
        run: async () => {
          try {
            await pingDb(await getDb(), 2000);
            return { status: "ok" };
          } catch (err) {
            logger.warn({ err }, "health: database check failed");
            return { status: "down", detail: "database unreachable" };
          }
        },
      },
      collab: { critical: false, run: collabSidecarCheck(`http://127.0.0.1:${getConfig().env.COLLAB_PORT}`) },
      ai: { critical: false, run: () => aiHealthCheck(getAiRuntime())() },
      processes: { critical: false, run: processStatusCheck(getConfig().env.SUPERVISOR_STATUS_FILE) },
    },
    { version: packageJson.version, startedAt },
  );
  return NextResponse.json(report, {
    status: report.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
});
