import { resolve } from "node:path";
import { resolveDbTarget, type DbTarget } from "../db/target";
import { aiConfigFrom, type AiConfig } from "./ai";
import { parseEnv, type Env } from "./env";
import type { EnvSource } from "./errors";
import { loadOrCreateAuthSecret } from "./secrets";

export type { AiConfig } from "./ai";
export { ConfigError } from "./errors";

export interface AppConfig {
  env: Env;
  dataDir: string;
  db: DbTarget;
  ai: AiConfig;
  authSecret: string;
  github?: { clientId: string; clientSecret: string };
  adminPreset?: { email: string; password: string };
  allowRegistration: boolean;
}

/** Validates every variable of the product; throws a ConfigError naming each problem. */
export function buildConfig(source: EnvSource): AppConfig {
  const env = parseEnv(source);
  const dataDir = resolve(env.DATA_DIR);
  return {
    env,
    dataDir,
    db: resolveDbTarget(env.DATABASE_URL, dataDir),
    ai: aiConfigFrom(env),
    authSecret: env.AUTH_SECRET ?? env.NEXTAUTH_SECRET ?? loadOrCreateAuthSecret(dataDir),
    github: env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : undefined,
    adminPreset:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    allowRegistration: env.ALLOW_REGISTRATION,
  };
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed once. */
export function getConfig(): AppConfig {
  cached ??= buildConfig(process.env);
  return cached;
}
