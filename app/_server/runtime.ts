import "server-only";
import { createAiRuntime, type AiRuntime } from "@/lib/ai/runtime";
import { createUsageEventSink } from "@/lib/analytics/usage-events";
import { buildAuthOptions } from "@/lib/auth/next-auth-options";
import { createSessionValidity } from "@/lib/auth/session-validity";
import { createSignInLimiters } from "@/lib/auth/sign-in-limits";
import type { PassageSource } from "@/lib/chat/passage-source";
import type { RoomFileDeps } from "@/lib/collab/room-file-endpoints";
import { getConfig } from "@/lib/config";
import { connectDb, type Db } from "@/lib/db/client";
import { createAiEmbedder, type Embedder } from "@/lib/knowledge/search/embeddings";
import { createKnowledgePassageSource } from "@/lib/knowledge/search/passages";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/net/client-address";
import { logger } from "@/lib/observability/logger";
import { createRateLimiterFactory, type RateLimiterFactory } from "@/lib/rate-limit/factory";
import type { NextAuthOptions } from "next-auth";

/**
 * The web process's composition root: every long-lived object of the web app is created here, on
 * first use (never at build time), and passed to lib. Kept on globalThis because Next loads
 * instrumentation (which closes the database on shutdown) as a bundle apart from the routes, and
 * development reloads must not open new connections or forget breaker states.
 */
interface Runtime {
  db?: Promise<Db>;
  embedder?: { value: Embedder | undefined };
  ai?: AiRuntime;
  passages?: PassageSource;
  authOptions?: NextAuthOptions;
  rateLimiters?: RateLimiterFactory;
  trustedProxies?: TrustedProxies;
}
const runtime = ((globalThis as { __eliteRuntime?: Runtime }).__eliteRuntime ??= {});

export function getDb(): Promise<Db> {
  runtime.db ??= connectDb(getConfig().db).catch((err) => {
    runtime.db = undefined;
    throw err;
  });
  return runtime.db;
}

/** Breakers and model listings live as long as the process; the AI settings were checked at start. */
export function getAiRuntime(): AiRuntime {
  runtime.ai ??= createAiRuntime(getConfig().ai);
  return runtime.ai;
}

/**
 * The knowledge base as the chat's passage source: lexical search, fused with vector search when
 * KNOWLEDGE_EMBEDDING_MODEL is set (the ingestion worker embeds the chunks). It uses the app's one
 * connection: a second SQLite connection in this process would deadlock with the first (a writer
 * waiting in SQLite's busy handler blocks the thread the other needs to commit).
 */
export function getPassageSource(): PassageSource {
  if (!runtime.passages) {
    const embedder = getEmbedder();
    const log = logger.child({ component: "knowledge" });
    runtime.passages = {
      async retrieve(query) {
        const db = await getDb();
        return createKnowledgePassageSource(db, { usage: createUsageEventSink(db), log, ...(embedder && { embedder }) }).retrieve(query);
      },
    };
  }
  return runtime.passages;
}

/** The embedder of KNOWLEDGE_EMBEDDING_MODEL for finding passages by meaning; undefined when it is not set. */
export function getEmbedder(): Embedder | undefined {
  if (!runtime.embedder) {
    const { KNOWLEDGE_EMBEDDING_MODEL: embeddingModel } = getConfig().env;
    runtime.embedder = { value: embeddingModel ? createAiEmbedder(embeddingModel, getConfig().ai) : undefined };
  }
  return runtime.embedder.value;
}

/** Where every limit of the web app counts: Redis when REDIS_URL is set (shared by all instances). */
export function getRateLimiters(): RateLimiterFactory {
  runtime.rateLimiters ??= createRateLimiterFactory({ redisUrl: getConfig().env.REDIS_URL, log: logger.child({ component: "rate-limit" }) });
  return runtime.rateLimiters;
}

/** TRUSTED_PROXIES, for clientAddress(). */
export function getTrustedProxies(): TrustedProxies {
  runtime.trustedProxies ??= parseTrustedProxies(getConfig().env.TRUSTED_PROXIES);
  return runtime.trustedProxies;
}

/** What the room file endpoints need: the database and the way to the collab sidecar. */
export async function getRoomFileDeps(): Promise<RoomFileDeps> {
  const { env, authSecret } = getConfig();
  return { db: await getDb(), sidecar: { url: env.COLLAB_INTERNAL_URL ?? `http://127.0.0.1:${env.COLLAB_PORT}`, authSecret } };
}

// A disabled account's sessions end within this on every instance.
const SESSION_CHECK_TTL_MS = 5_000;

export function getAuthOptions(): NextAuthOptions {
  runtime.authOptions ??= buildAuthOptions({
    config: getConfig(),
    getDb,
    limiters: createSignInLimiters((rule) => getRateLimiters().create(rule)),
    trustedProxies: getTrustedProxies(),
    isSessionValid: createSessionValidity(getDb, { ttlMs: SESSION_CHECK_TTL_MS }),
    log: logger.child({ component: "auth" }),
  });
  return runtime.authOptions;
}

/** Closes the database; called on shutdown. */
export async function closeRuntime(): Promise<void> {
  const db = runtime.db;
  runtime.db = undefined;
  const rateLimiters = runtime.rateLimiters;
  runtime.rateLimiters = undefined;
  await rateLimiters?.close();
  if (db) await (await db).$disconnect();
}
