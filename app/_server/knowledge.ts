import "server-only";
import { parseAiConfig } from "@/lib/ai/provider-config";
import { createUsageEventSink } from "@/lib/analytics/usage-events";
import { setPassageSource } from "@/lib/chat/passage-source";
import { getConfig } from "@/lib/config";
import { connectDb, type Db } from "@/lib/db/client";
import { createAiEmbedder } from "@/lib/knowledge/search/embeddings";
import { createKnowledgePassageSource } from "@/lib/knowledge/search/passages";
import { knowledgeSettings, type KnowledgeSettings } from "@/lib/knowledge/settings";
import { uploadsDir } from "@/lib/knowledge/storage";
import { logger } from "@/lib/observability/logger";
import { getDb } from "./runtime";

export function getKnowledgeSettings(): KnowledgeSettings {
  return knowledgeSettings(getConfig().env);
}

export function getUploadsDir(): string {
  return uploadsDir(getConfig().dataDir);
}

export async function getUsageSink() {
  return createUsageEventSink(await getDb());
}

/**
 * Makes the chat retrieve from the knowledge base: lexical search, fused with vector search when
 * KNOWLEDGE_EMBEDDING_MODEL is set (the ingestion worker embeds the chunks). Called from
 * instrumentation, which Next bundles apart from the routes: the source gets its own connection,
 * made by this bundle's copy of lib/db (dbProvider only knows clients its own copy created).
 */
export function registerKnowledgePassageSource(): void {
  const log = logger.child({ component: "knowledge" });
  const { embeddingModel } = getKnowledgeSettings();
  const embedder = embeddingModel ? createAiEmbedder(embeddingModel, parseAiConfig(process.env)) : undefined;
  let connection: Promise<Db> | undefined;
  const knowledgeDb = () =>
    (connection ??= connectDb(getConfig().db).catch((err: unknown) => {
      connection = undefined;
      throw err;
    }));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void connection?.then((db) => db.$disconnect()).catch(() => {}));
  }
  setPassageSource({
    async retrieve(query) {
      const db = await knowledgeDb();
      const source = createKnowledgePassageSource(db, { usage: createUsageEventSink(db), log, ...(embedder && { embedder }) });
      return source.retrieve(query);
    },
  });
}
