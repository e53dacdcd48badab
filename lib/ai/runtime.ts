import { createModelCatalogue, type ModelCatalogue } from "./catalogue";
import { parseAiConfig, type AiConfig } from "./provider-config";
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

// Kept on globalThis so breaker states and listing caches survive dev-server hot reloads.
const holder = globalThis as { __ecaAiRuntime?: AiRuntime };

/** The process's AI runtime from process.env, built on first use; throws a ConfigError on bad settings. */
export function getAiRuntime(): AiRuntime {
  holder.__ecaAiRuntime ??= createAiRuntime(parseAiConfig(process.env));
  return holder.__ecaAiRuntime;
}
