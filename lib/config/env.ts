import { z } from "zod";
import { parseTrustedProxies } from "../net/client-address";
import { aiEnvShape, refineAiEnv } from "./ai";
import { ConfigError, describeIssues, type EnvSource } from "./errors";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().trim().min(1).default("./data"),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^(postgres(ql)?:\/\/|file:)/, "must start with postgresql://, postgres:// or file:")
        .optional(),
    ),
    AUTH_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    NEXTAUTH_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    NEXTAUTH_URL: optionalText.pipe(z.url().optional()),
    ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
    ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, "must be at least 10 characters").optional()),
    ALLOW_REGISTRATION: booleanFlag.default(true),
    REGISTRATIONS_PER_HOUR_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
    /** Proxies whose X-Forwarded-For entries are believed: addresses/CIDRs, comma-separated. */
    TRUSTED_PROXIES: optionalText.superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
    GITHUB_ID: optionalText,
    GITHUB_SECRET: optionalText,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    COLLAB_PORT: z.coerce.number().int().min(0).max(65535).default(1234),
    COLLAB_PUBLIC_URL: optionalText.pipe(z.string().regex(/^wss?:\/\/[^\s]+$/, "must start with ws:// or wss://").optional()),
    /** Where the web app reaches the sidecar's HTTP side (live changes from the API); default http://127.0.0.1:COLLAB_PORT. */
    COLLAB_INTERNAL_URL: optionalText.pipe(z.string().regex(/^https?:\/\/[^\s]+$/, "must start with http:// or https://").optional()),
    COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(8 * 1024 * 1024),
    COLLAB_MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(100),
    COLLAB_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(20),
    ROOM_MAX_MB: z.coerce.number().min(1).max(1024).default(50),
    REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional()),
    KNOWLEDGE_MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(50),
    KNOWLEDGE_USER_QUOTA_MB: z.coerce.number().int().min(1).default(1024),
    KNOWLEDGE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
    KNOWLEDGE_JOB_TIMEOUT_S: z.coerce.number().int().min(5).max(3600).default(300),
    KNOWLEDGE_JOB_MEMORY_MB: z.coerce.number().int().min(64).max(16384).default(1024),
    KNOWLEDGE_CHUNK_TOKENS: z.coerce.number().int().min(64).max(8000).default(400),
    KNOWLEDGE_CHUNK_OVERLAP: z.coerce.number().min(0).max(0.5).default(0.15),
    KNOWLEDGE_EMBEDDING_MODEL: optionalText.pipe(
      z.string().regex(/^(openai|ollama):\S+$/, "must be openai:<model> or ollama:<model>").optional(),
    ),
    KNOWLEDGE_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
    /** Requests per minute per user made with API tokens (chat completions also count against CHAT_RATE_LIMIT_PER_MINUTE). */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    ROOM_CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    CHAT_MAX_BODY_KB: z.coerce.number().int().min(16).max(10_240).default(512),
    ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    METRICS_TOKEN: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    /** Set by the supervisor for its children: where it records their states (read by /api/health). */
    SUPERVISOR_STATUS_FILE: optionalText,
    /** The `service` field of every log line; the supervisor sets it for each child. */
    SERVICE_NAME: optionalText,
    ...aiEnvShape,
  })
  .superRefine(refineAiEnv)
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: "ADMIN_EMAIL and ADMIN_PASSWORD go together" });
    }
    if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["GITHUB_SECRET"], message: "GITHUB_ID and GITHUB_SECRET go together" });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; throws a ConfigError naming each bad variable. */
export function parseEnv(source: EnvSource): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new ConfigError(describeIssues(result.error));
  return result.data;
}
