import { z } from "zod";
import type { HealthCheck } from "../observability/health";

const sidecarHealth = z.object({ status: z.enum(["ok", "degraded", "down"]) }).passthrough();

/**
 * The web app's view of the collab sidecar: its own /health answer, or down when it does not
 * answer in time. Not critical: without the sidecar, everything but live editing keeps working.
 */
export function collabSidecarCheck(baseUrl: string, timeoutMs = 2000): HealthCheck {
  return async () => {
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      const parsed = sidecarHealth.safeParse(await response.json());
      if (!parsed.success) return { status: "down", detail: "collab sidecar answered something unexpected" };
      return { status: parsed.data.status, ...(parsed.data.status === "ok" ? {} : { detail: "collab sidecar reports a problem" }) };
    } catch {
      return { status: "down", detail: "collab sidecar unreachable" };
    }
  };
}
