import type { HealthCheck } from "../observability/health";
import { PROVIDER_SETUP, describeProviderSetup } from "./provider-config";
import type { AiRuntime } from "./runtime";

/**
 * A check for /api/health: ok with a note when no provider is configured (the product works
 * without one), down when every configured provider's breaker is open, degraded when some are not
 * closed, ok otherwise. The detail names each provider's breaker state. It makes no provider calls.
 */
export function aiHealthCheck(runtime: Pick<AiRuntime, "config" | "breakers">): HealthCheck {
  return async () => {
    const { configured } = describeProviderSetup(runtime.config);
    if (configured.length === 0) return { status: "ok", detail: "no AI provider configured (chat shows how to set one up)" };
    const states = runtime.breakers.states(configured);
    const describe = (p: (typeof configured)[number]) => `${PROVIDER_SETUP[p].label}: ${states[p]?.state ?? "closed"}`;
    const detail = configured.map(describe).join(", ");
    const unhealthy = configured.filter((p) => states[p]?.state !== "closed");
    if (unhealthy.length === 0) return { status: "ok", detail };
    const allOpen = configured.every((p) => states[p]?.state === "open");
    return { status: allOpen ? "down" : "degraded", detail };
  };
}
