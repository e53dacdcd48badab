import "server-only";
import { buildAuthOptions } from "@/lib/auth/next-auth-options";
import { createRateLimiter } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";
import { connectDb, type Db } from "@/lib/db/client";
import { logger } from "@/lib/observability/logger";
import type { NextAuthOptions } from "next-auth";

/**
 * Process-wide singletons of the web app, created on first use (never at build time) and kept on
 * globalThis so development reloads do not open new connections.
 */
interface Runtime {
  db?: Promise<Db>;
  authOptions?: NextAuthOptions;
}
const runtime = ((globalThis as { __eliteRuntime?: Runtime }).__eliteRuntime ??= {});

export function getDb(): Promise<Db> {
  runtime.db ??= connectDb(getConfig().db).catch((err) => {
    runtime.db = undefined;
    throw err;
  });
  return runtime.db;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export function getAuthOptions(): NextAuthOptions {
  runtime.authOptions ??= buildAuthOptions({
    config: getConfig(),
    getDb,
    limiters: {
      byEmail: createRateLimiter({ limit: 5, windowMs: FIFTEEN_MINUTES }),
      byIp: createRateLimiter({ limit: 30, windowMs: FIFTEEN_MINUTES }),
    },
    log: logger.child({ component: "auth" }),
  });
  return runtime.authOptions;
}

/** Closes the database; called on shutdown. */
export async function closeRuntime(): Promise<void> {
  const db = runtime.db;
  runtime.db = undefined;
  if (db) await (await db).$disconnect();
}
