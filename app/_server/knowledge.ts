import "server-only";
import { createUsageEventSink } from "@/lib/analytics/usage-events";
import { setPassageSource } from "@/lib/chat/passage-source";
import { getConfig } from "@/lib/config";
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
 * instrumentation, which Next bundles apart from the routes; it still uses the app's one
 * connection (getDb keeps it on globalThis). A second SQLite connection in this process would
 * deadlock with the first: a writer waiting in SQLite's busy handler blocks the thread the other
 * needs to commit, and concurrent chat turns failed with SQLITE_BUSY after 5 s.
 */
export function registerKnowledgePassageSource(): void {
  const log = logger.child({ component: "knowledge" });
  const { embeddingModel } = getKnowledgeSettings();
  const embedder = embeddingModel ? createAiEmbedder(embeddingModel, getConfig().ai) : undefined;
  setPassageSource({
    async retrieve(query) {
      const db = await getDb();
      const source = createKnowledgePassageSource(db, { usage: createUsageEventSink(db), log, ...(embedder && { embedder }) });
      return source.retrieve(query);
    },
  });
}
