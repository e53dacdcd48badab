import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { embedMany } from "ai";
import type { AiConfig } from "../../config/ai";
import type { Db } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { scopeColumns, type KnowledgeScope } from "../scope";
import { DEMOTION_WEIGHT } from "./lexical";

/** Turns texts into vectors; `model` is stored beside each vector so a model change re-embeds. */
export interface Embedder {
  model: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** An embedder for KNOWLEDGE_EMBEDDING_MODEL (`openai:<model>` or `ollama:<model>`) through the AI SDK. */
export function createAiEmbedder(modelRef: string, config: AiConfig): Embedder {
  const [provider, modelId] = [modelRef.slice(0, modelRef.indexOf(":")), modelRef.slice(modelRef.indexOf(":") + 1)];
  const { openai, ollama } = config.providers;
  const model =
    provider === "openai" && openai
      ? createOpenAI({ apiKey: openai.apiKey, baseURL: openai.baseURL }).embeddingModel(modelId)
      : provider === "ollama" && ollama
        ? createOpenAICompatible({ name: "ollama", baseURL: `${ollama.baseURL}/v1` }).embeddingModel(modelId)
        : null;
  if (!model) throw new AppError("AI_NOT_CONFIGURED", `KNOWLEDGE_EMBEDDING_MODEL names ${provider}, which is not configured.`);
  return {
    model: modelRef,
    async embed(texts) {
      const { embeddings } = await embedMany({ model, values: texts, maxRetries: 2 });
      return embeddings.map((vector) => Float32Array.from(vector));
    },
  };
}

function encodeEmbedding(vector: Float32Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength) as ArrayBuffer);
}

export function decodeEmbedding(bytes: Uint8Array): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Embeds up to `batch` chunks that have no vector from the current model; returns how many it embedded. */
export async function embedPendingChunks(db: Db, embedder: Embedder, batch = 32): Promise<number> {
  const chunks = await db.knowledgeChunk.findMany({
    where: { OR: [{ embeddingModel: null }, { embeddingModel: { not: embedder.model } }], document: { status: { in: ["ready", "pending_approval"] } } },
    orderBy: { id: "asc" },
    take: batch,
    select: { id: true, text: true },
  });
  if (chunks.length === 0) return 0;
  const vectors = await embedder.embed(chunks.map((c) => c.text));
  await db.$transaction(
    chunks.map((chunk, i) =>
      db.knowledgeChunk.update({ where: { id: chunk.id }, data: { embedding: encodeEmbedding(vectors[i]!), embeddingModel: embedder.model } }),
    ),
  );
  return chunks.length;
}

const PAGE = 2000;

/** Brute-force cosine search over the embedded ready chunks of the scopes, a page at a time. */
export async function vectorSearch(
  db: Db,
  embedder: Embedder,
  scopes: readonly KnowledgeScope[],
  question: string,
  limit: number,
): Promise<{ chunkId: number; score: number }[]> {
  const [query] = await embedder.embed([question]);
  if (!query) return [];
  const best: { chunkId: number; score: number }[] = [];
  const where = { embeddingModel: embedder.model, document: { status: "ready", OR: scopes.map(scopeColumns) } };
  for (let cursor = 0; ; ) {
    const page = await db.knowledgeChunk.findMany({
      where: { ...where, id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, embedding: true, demotion: true },
    });
    for (const row of page) {
      if (!row.embedding) continue;
      const similarity = cosine(query, decodeEmbedding(row.embedding));
      if (similarity > 0) best.push({ chunkId: row.id, score: similarity / (1 + DEMOTION_WEIGHT * row.demotion) });
    }
    best.sort((a, b) => b.score - a.score).splice(limit);
    if (page.length < PAGE) return best;
    cursor = page[page.length - 1]!.id;
  }
}
