import "server-only";
import { createUsageEventSink } from "@/lib/analytics/usage-events";
import { getConfig } from "@/lib/config";
import { knowledgeSettings, type KnowledgeSettings } from "@/lib/knowledge/settings";
import { uploadsDir } from "@/lib/knowledge/storage";
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
