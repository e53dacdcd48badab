import type { AiConfig } from "../config/ai";
import { AppError } from "../errors/app-error";
import { PROVIDER_IDS, type ProviderId } from "./model-ref";

/** What each provider needs, for telling an operator exactly what to set. */
export const PROVIDER_SETUP: Record<ProviderId, { label: string; variable: string; example: string; optional: string[] }> = {
  openai: { label: "OpenAI", variable: "OPENAI_API_KEY", example: "sk-...", optional: ["OPENAI_BASE_URL"] },
  anthropic: { label: "Anthropic", variable: "ANTHROPIC_API_KEY", example: "sk-ant-...", optional: ["ANTHROPIC_BASE_URL"] },
  ollama: { label: "Ollama", variable: "OLLAMA_BASE_URL", example: "http://localhost:11434", optional: [] },
  "openai-compatible": {
    label: "OpenAI-compatible server",
    variable: "OPENAI_COMPATIBLE_BASE_URL",
    example: "http://localhost:8000/v1",
    optional: ["OPENAI_COMPATIBLE_API_KEY", "OPENAI_COMPATIBLE_MODELS"],
  },
};

function setupLine(provider: ProviderId): string {
  const { label, variable, example, optional } = PROVIDER_SETUP[provider];
  const extras = optional.length > 0 ? ` (optional: ${optional.join(", ")})` : "";
  return `${label}: ${variable}=${example}${extras}`;
}

export function isProviderConfigured(config: AiConfig, provider: ProviderId): boolean {
  return config.providers[provider] !== undefined;
}

export interface ProviderSetupStatus {
  configured: ProviderId[];
  /** Empty when at least one provider is configured; otherwise what to set. */
  message: string;
}

/** The AI_NOT_CONFIGURED error for one provider, or for all of them when none is given. */
export function notConfiguredError(provider?: ProviderId): AppError {
  if (provider === undefined) {
    const options = PROVIDER_IDS.map((p) => `  - ${setupLine(p)}`).join("\n");
    return new AppError("AI_NOT_CONFIGURED", `No AI provider is configured. Set at least one of:\n${options}`, {
      variables: PROVIDER_IDS.map((p) => PROVIDER_SETUP[p].variable),
    });
  }
  return new AppError("AI_NOT_CONFIGURED", `${PROVIDER_SETUP[provider].label} is not configured. Set ${setupLine(provider)}.`, {
    provider,
    variables: [PROVIDER_SETUP[provider].variable],
  });
}

export function describeProviderSetup(config: AiConfig): ProviderSetupStatus {
  const configured = PROVIDER_IDS.filter((p) => isProviderConfigured(config, p));
  return { configured, message: configured.length > 0 ? "" : notConfiguredError().message };
}

/** Throws AI_NOT_CONFIGURED when the provider (or, without one, every provider) is not set up. */
export function assertProviderConfigured(config: AiConfig, provider?: ProviderId): void {
  const ok = provider === undefined ? describeProviderSetup(config).configured.length > 0 : isProviderConfigured(config, provider);
  if (!ok) throw notConfiguredError(provider);
}
