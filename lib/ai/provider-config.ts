import { z } from "zod";
import { ConfigError } from "../config/env";
import { AppError } from "../errors/app-error";
import { formatModelRef, modelRefSchema, PROVIDER_IDS, type ModelRef, type ProviderId } from "./model-ref";

export interface AiConfig {
  providers: {
    openai?: { apiKey: string; baseURL?: string };
    anthropic?: { apiKey: string; baseURL?: string };
    ollama?: { baseURL: string };
    "openai-compatible"?: { baseURL: string; apiKey?: string; models: string[] };
  };
  timeouts: {
    /** Ceiling for one whole provider request, stream included. */
    requestMs: number;
    /** How long a provider may take to send the first token. */
    firstTokenMs: number;
    /** How long a started stream may stay silent. */
    idleMs: number;
  };
  retry: { maxRetries: number; baseDelayMs: number; maxDelayMs: number };
  breaker: { failureThreshold: number; windowMs: number; openMs: number };
  catalogue: { timeoutMs: number; ttlMs: number };
  /** Tried in this order after the requested model fails. */
  fallbackModels: ModelRef[];
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const secret = z.preprocess(emptyToUndefined, z.string().trim().optional());

const baseUrl = z.preprocess(
  emptyToUndefined,
  z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
);

const commaList = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .optional(),
);

function milliseconds(defaultMs: number, max = 3_600_000) {
  return z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(1, "must be positive")
      .max(max)
      .default(defaultMs),
  );
}

function count(defaultValue: number, min: number, max: number) {
  return z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min).max(max).default(defaultValue),
  );
}

const aiEnvSchema = z
  .object({
    OPENAI_API_KEY: secret,
    OPENAI_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: secret,
    ANTHROPIC_BASE_URL: baseUrl,
    OLLAMA_BASE_URL: baseUrl,
    OPENAI_COMPATIBLE_BASE_URL: baseUrl,
    OPENAI_COMPATIBLE_API_KEY: secret,
    OPENAI_COMPATIBLE_MODELS: commaList,
    // Reasoning models may think for a minute before the first token, and long answers take minutes.
    AI_REQUEST_TIMEOUT_MS: milliseconds(300_000),
    AI_FIRST_TOKEN_TIMEOUT_MS: milliseconds(60_000),
    AI_STREAM_IDLE_TIMEOUT_MS: milliseconds(30_000),
    AI_MAX_RETRIES: count(2, 0, 10),
    AI_RETRY_BASE_DELAY_MS: milliseconds(500, 60_000),
    AI_RETRY_MAX_DELAY_MS: milliseconds(10_000, 300_000),
    AI_BREAKER_FAILURE_THRESHOLD: count(5, 1, 1000),
    AI_BREAKER_WINDOW_MS: milliseconds(60_000),
    AI_BREAKER_OPEN_MS: milliseconds(30_000),
    AI_CATALOGUE_TIMEOUT_MS: milliseconds(3_000, 60_000),
    AI_CATALOGUE_TTL_MS: milliseconds(60_000),
    AI_FALLBACK_MODELS: commaList.pipe(z.array(modelRefSchema).optional()),
  })
  .superRefine((env, ctx) => {
    const requires = (variable: keyof typeof env, needed: keyof typeof env) => {
      if (env[variable] !== undefined && env[needed] === undefined) {
        ctx.addIssue({ code: "custom", path: [variable], message: `is set but ${needed} is not` });
      }
    };
    requires("OPENAI_BASE_URL", "OPENAI_API_KEY");
    requires("ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY");
    requires("OPENAI_COMPATIBLE_API_KEY", "OPENAI_COMPATIBLE_BASE_URL");
    requires("OPENAI_COMPATIBLE_MODELS", "OPENAI_COMPATIBLE_BASE_URL");
    if (env.AI_RETRY_MAX_DELAY_MS < env.AI_RETRY_BASE_DELAY_MS) {
      ctx.addIssue({ code: "custom", path: ["AI_RETRY_MAX_DELAY_MS"], message: "must not be below AI_RETRY_BASE_DELAY_MS" });
    }
  });

type AiEnv = z.infer<typeof aiEnvSchema>;

function toConfig(env: AiEnv): AiConfig {
  const providers: AiConfig["providers"] = {};
  if (env.OPENAI_API_KEY) providers.openai = { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL };
  if (env.ANTHROPIC_API_KEY) providers.anthropic = { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL };
  if (env.OLLAMA_BASE_URL) providers.ollama = { baseURL: env.OLLAMA_BASE_URL };
  if (env.OPENAI_COMPATIBLE_BASE_URL) {
    providers["openai-compatible"] = {
      baseURL: env.OPENAI_COMPATIBLE_BASE_URL,
      apiKey: env.OPENAI_COMPATIBLE_API_KEY,
      models: env.OPENAI_COMPATIBLE_MODELS ?? [],
    };
  }
  return {
    providers,
    timeouts: {
      requestMs: env.AI_REQUEST_TIMEOUT_MS,
      firstTokenMs: env.AI_FIRST_TOKEN_TIMEOUT_MS,
      idleMs: env.AI_STREAM_IDLE_TIMEOUT_MS,
    },
    retry: { maxRetries: env.AI_MAX_RETRIES, baseDelayMs: env.AI_RETRY_BASE_DELAY_MS, maxDelayMs: env.AI_RETRY_MAX_DELAY_MS },
    breaker: {
      failureThreshold: env.AI_BREAKER_FAILURE_THRESHOLD,
      windowMs: env.AI_BREAKER_WINDOW_MS,
      openMs: env.AI_BREAKER_OPEN_MS,
    },
    catalogue: { timeoutMs: env.AI_CATALOGUE_TIMEOUT_MS, ttlMs: env.AI_CATALOGUE_TTL_MS },
    fallbackModels: (env.AI_FALLBACK_MODELS ?? []).map(formatModelRef),
  };
}

/** Parses the AI settings from an environment object; throws a ConfigError naming each bad variable. */
export function parseAiConfig(source: Record<string, string | undefined>): AiConfig {
  const result = aiEnvSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const config = toConfig(result.data);
  const unusable = (result.data.AI_FALLBACK_MODELS ?? []).filter((ref) => !isProviderConfigured(config, ref.provider));
  if (unusable.length > 0) {
    const refs = unusable.map(formatModelRef).join(", ");
    throw new ConfigError([`AI_FALLBACK_MODELS: ${refs} use a provider that is not configured`]);
  }
  return config;
}

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
