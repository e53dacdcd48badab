import { z } from "zod";
import { formatModelRef, modelRefSchema, type ModelRef } from "../ai/model-ref";
import { ConfigError, describeIssues, type EnvSource } from "./errors";

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

/** The AI_* and provider variables; merged into the one environment schema in env.ts. */
export const aiEnvShape = {
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
};

const aiEnvObject = z.object(aiEnvShape);
type AiEnv = z.infer<typeof aiEnvObject>;

/** Checks between AI variables: a base URL without its key and the like. */
export function refineAiEnv(env: AiEnv, ctx: z.RefinementCtx): void {
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
}

const aiEnvSchema = aiEnvObject.superRefine(refineAiEnv);

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

/** The AI settings of validated variables; throws a ConfigError when a fallback model's provider is not set up. */
export function aiConfigFrom(env: AiEnv): AiConfig {
  const config = toConfig(env);
  const unusable = (env.AI_FALLBACK_MODELS ?? []).filter((ref) => config.providers[ref.provider] === undefined);
  if (unusable.length > 0) {
    const refs = unusable.map(formatModelRef).join(", ");
    throw new ConfigError([`AI_FALLBACK_MODELS: ${refs} use a provider that is not configured`]);
  }
  return config;
}

/** Parses only the AI settings from an environment object (tests); throws a ConfigError naming each bad variable. */
export function parseAiConfig(source: EnvSource): AiConfig {
  const result = aiEnvSchema.safeParse(source);
  if (!result.success) throw new ConfigError(describeIssues(result.error));
  return aiConfigFrom(result.data);
}
