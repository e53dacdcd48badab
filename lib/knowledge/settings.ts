import type { Env } from "../config/env";
import type { IngestOptions } from "./pipeline";
import type { UploadLimits } from "./scope";

const MB = 1024 * 1024;

export interface KnowledgeSettings extends UploadLimits {
  ingest: IngestOptions;
  concurrency: number;
  jobTimeoutMs: number;
  jobMemoryMb: number;
  embeddingModel?: string;
}

/** The KNOWLEDGE_* variables as the upload route and the ingestion worker use them. */
export function knowledgeSettings(env: Env): KnowledgeSettings {
  return {
    maxFileBytes: env.KNOWLEDGE_MAX_FILE_MB * MB,
    quotaBytes: env.KNOWLEDGE_USER_QUOTA_MB * MB,
    ingest: { maxBytes: env.KNOWLEDGE_MAX_FILE_MB * MB, chunkTokens: env.KNOWLEDGE_CHUNK_TOKENS, overlapRatio: env.KNOWLEDGE_CHUNK_OVERLAP },
    concurrency: env.KNOWLEDGE_WORKER_CONCURRENCY,
    jobTimeoutMs: env.KNOWLEDGE_JOB_TIMEOUT_S * 1000,
    jobMemoryMb: env.KNOWLEDGE_JOB_MEMORY_MB,
    ...(env.KNOWLEDGE_EMBEDDING_MODEL && { embeddingModel: env.KNOWLEDGE_EMBEDDING_MODEL }),
  };
}
