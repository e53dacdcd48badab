import { pathToFileURL } from "node:url";
import { createTestDatabase } from "../../lib/db/test-database";
import type { DbProvider } from "../../lib/db/target";
import { lexicalSearch } from "../../lib/knowledge/search/lexical";
import { searchPassages } from "../../lib/knowledge/search/passages";
import { chunkTexts, questions } from "./corpus";

export interface Latency {
  p50: number;
  p95: number;
}

export interface SearchResult {
  provider: DbProvider | "minisearch";
  chunks: number;
  /** lexicalSearch alone: the ranked ids. */
  lexical: Latency;
  /** searchPassages: scopes, ranking and the passages' rows, as the chat gets them. */
  passages?: Latency;
  loadSeconds: number;
}

const CHUNKS_PER_DOC = 100;
const LIMIT = 6;

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(queries: string[], run: (q: string) => Promise<unknown> | unknown): Promise<Latency> {
  for (const q of queries.slice(0, 20)) await run(q);
  const samples: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await run(q);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

/** Loads `count` chunks (80 % the searcher's, 20 % someone else's) and times lexical search and passage retrieval. */
export async function benchDatabase(provider: DbProvider, count: number, words: readonly string[], queryCount: number): Promise<SearchResult> {
  const t = await createTestDatabase(provider);
  try {
    const started = performance.now();
    const me = (await t.db.user.create({ data: { email: "me@example.com", name: "Me" } })).id;
    const other = (await t.db.user.create({ data: { email: "other@example.com", name: "Other" } })).id;
    const texts = chunkTexts(count, 11, words);
    for (let d = 0; d * CHUNKS_PER_DOC < count; d++) {
      const owner = d % 5 === 4 ? other : me;
      const doc = await t.db.knowledgeDocument.create({
        data: { userId: owner, name: `doc-${d}.md`, sizeBytes: 1, storageKey: `k${d}`, status: "ready", uploadedById: owner },
      });
      const slice = texts.slice(d * CHUNKS_PER_DOC, (d + 1) * CHUNKS_PER_DOC);
      await t.db.knowledgeChunk.createMany({
        data: slice.map((text, i) => ({ documentId: doc.id, ordinal: i, text, tokenCount: 300, startOffset: 0, endOffset: text.length })),
      });
    }
    if (provider === "postgresql") await t.db.$executeRawUnsafe('ANALYZE "KnowledgeChunk", "KnowledgeDocument"');
    const loadSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const qs = questions(queryCount, 23, words);
    const scopes = [{ kind: "personal" as const, userId: me }];
    const lexical = await time(qs, (q) => lexicalSearch(t.db, scopes, q, LIMIT));
    const passages = await time(qs, (q) => searchPassages(t.db, { userId: me, roomId: null, question: q }, { limit: LIMIT }));
    return { provider, chunks: count, lexical, passages, loadSeconds };
  } finally {
    await t.dispose();
  }
}

interface MiniSearchLike {
  addAll(docs: object[]): void;
  search(query: string, options?: object): { id: number }[];
}
type MiniSearchCtor = new (options: object) => MiniSearchLike;

/** MiniSearch from node_modules, or from MINISEARCH_PATH (a folder holding its package); null when absent. */
export async function loadMiniSearch(): Promise<MiniSearchCtor | null> {
  const candidates = [process.env.MINISEARCH_PATH && pathToFileURL(`${process.env.MINISEARCH_PATH}/dist/es/index.js`).href, "minisearch"];
  for (const specifier of candidates) {
    if (!specifier) continue;
    try {
      return ((await import(specifier)) as { default: MiniSearchCtor }).default;
    } catch {
      // try the next place
    }
  }
  return null;
}

/** The anchor: the same chunks in an in-memory MiniSearch index, OR-combined terms, same scope filter. */
export async function benchMiniSearch(MiniSearch: MiniSearchCtor, count: number, words: readonly string[], queryCount: number): Promise<SearchResult> {
  const started = performance.now();
  const texts = chunkTexts(count, 11, words);
  const index = new MiniSearch({ fields: ["text"], storeFields: ["owner"] });
  index.addAll(texts.map((text, id) => ({ id, text, owner: Math.floor(id / CHUNKS_PER_DOC) % 5 === 4 ? "other" : "me" })));
  const loadSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const qs = questions(queryCount, 23, words);
  const lexical = await time(qs, (q) =>
    index.search(q, { combineWith: "OR", filter: (r: { owner: string }) => r.owner === "me" }).slice(0, LIMIT),
  );
  return { provider: "minisearch", chunks: count, lexical, loadSeconds };
}
