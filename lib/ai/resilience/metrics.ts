import { Counter, Gauge } from "prom-client";
import { metricsRegistry } from "../../observability/metrics";
import { providerOf, type ModelRef, type ProviderId } from "../model-ref";
import type { BreakerState } from "./circuit-breaker";
import type { FailureKind } from "./provider-errors";

const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

// Hot reload re-evaluates this module; reuse what the shared registry already holds.
const breakerStateGauge =
  (metricsRegistry.getSingleMetric("ai_provider_circuit_state") as Gauge<"provider"> | undefined) ??
  new Gauge({
    name: "ai_provider_circuit_state",
    help: "Circuit breaker state per AI provider: 0 closed, 1 half-open, 2 open.",
    labelNames: ["provider"],
    registers: [metricsRegistry],
  });

const modelBreakerStateGauge =
  (metricsRegistry.getSingleMetric("ai_model_circuit_state") as Gauge<"provider" | "model"> | undefined) ??
  new Gauge({
    name: "ai_model_circuit_state",
    help: "Circuit breaker state per AI model (provider:model): 0 closed, 1 half-open, 2 open.",
    labelNames: ["provider", "model"],
    registers: [metricsRegistry],
  });

const providerErrorsCounter =
  (metricsRegistry.getSingleMetric("ai_provider_errors_total") as Counter<"provider" | "kind"> | undefined) ??
  new Counter({
    name: "ai_provider_errors_total",
    help: "Failed AI provider requests by provider and kind of failure.",
    labelNames: ["provider", "kind"],
    registers: [metricsRegistry],
  });

export function recordBreakerState(provider: ProviderId, state: BreakerState): void {
  breakerStateGauge.set({ provider }, BREAKER_STATE_VALUE[state]);
}

export function recordModelBreakerState(model: ModelRef, state: BreakerState): void {
  modelBreakerStateGauge.set({ provider: providerOf(model), model }, BREAKER_STATE_VALUE[state]);
}

export function forgetModelBreakerState(model: ModelRef): void {
  modelBreakerStateGauge.remove({ provider: providerOf(model), model });
}

export function recordProviderError(provider: ProviderId, kind: FailureKind): void {
  providerErrorsCounter.inc({ provider, kind });
}
