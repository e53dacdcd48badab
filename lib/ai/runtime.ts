import { createModelCatalogue, type ModelCatalogue } from "./catalogue";
import type { AiConfig } from "../config/ai";
import { createBreakerRegistry, type BreakerRegistry } from "./resilience/breaker-registry";

/** Everything a chat request needs that lives as long as the process. */
export interface AiRuntime {
  config: AiConfig;
  breakers: BreakerRegistry;
  catalogue: ModelCatalogue;
}

export function createAiRuntime(config: AiConfig, options: { now?: () => number; fetch?: typeof fetch } = {}): AiRuntime {
  return {
    config,
    breakers: createBreakerRegistry({ ...config.breaker, now: options.now }),
    catalogue: createModelCatalogue(config, options),
  };
}
