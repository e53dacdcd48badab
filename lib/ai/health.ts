import type { HealthCheck } from "../observability/health";
import type { ProviderId } from "./model-ref";
import { PROVIDER_SETUP, describeProviderSetup } from "./provider-config";
import type { ProviderBreakerStates } from "./resilience/breaker-registry";
import type { BreakerSnapshot } from "./resilience/circuit-breaker";
import type { AiRuntime } from "./runtime";

function troubledModels(states: ProviderBreakerStates | undefined): [string, BreakerSnapshot][] {
  return Object.entries(states?.models ?? {}).filter(([, model]) => model.state !== "closed");
}

/** "Label: state", then each of its models whose breaker is not closed as "provider:model: state". */
function describeBreakers(provider: ProviderId, states: ProviderBreakerStates | undefined): string[] {
  const models = troubledModels(states).map(([ref, model]) => `${ref}: ${model.state}`);
  return [`${PROVIDER_SETUP[provider].label}: ${states?.state ?? "closed"}`, ...models];
}

/**
 * A check for /api/health: ok with a note when no provider is configured (the product works
 * without one), down when every configured provider's breaker is open, degraded when some
 * provider's or model's breaker is not closed, ok otherwise. The detail names each provider's
 * breaker state and every model breaker that is not closed. It makes no provider calls.
 */
export function aiHealthCheck(runtime: Pick<AiRuntime, "config" | "breakers">): HealthCheck {
  return async () => {
    const { configured } = describeProviderSetup(runtime.config);
    if (configured.length === 0) return { status: "ok", detail: "no AI provider configured (chat shows how to set one up)" };
    const states = runtime.breakers.states(configured);
    const detail = configured.flatMap((p) => describeBreakers(p, states[p])).join(", ");
    const healthy = configured.every((p) => states[p]?.state === "closed" && troubledModels(states[p]).length === 0);
    if (healthy) return { status: "ok", detail };
    const allOpen = configured.every((p) => states[p]?.state === "open");
    return { status: allOpen ? "down" : "degraded", detail };
  };
}
