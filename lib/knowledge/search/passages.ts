import type { RetrievedPassage } from "../../ai/retrieved-passages";
import { matchedTerms } from "../highlight";
import { usageEvent, type UsageEventSink } from "../../analytics/usage-events";
import type { PassageQuery, PassageSource } from "../../chat/passage-source";
import type { Db } from "../../db/client";
import type { Logger } from "../../observability/logger";
import { readableScopes, scopeColumns, type KnowledgeScope } from "../scope";
import type { Embedder } from "./embeddings";
import { vectorSearch } from "./embeddings";
import { reciprocalRankScores } from "./fusion";
import { lexicalSearch } from "./lexical";

export interface PassageHit {
  chunkId: number;
  documentId: string;
  documentName: string;
  /** "upload", or "correction" / "answer" for learned items. */
  source: string;
  text: string;
  headingPath: string[];
  pageStart: number | null;
  pageEnd: number | null;
  lineStart: number | null;
  lineEnd: number | null;
  /** Higher is better, comparable only within one result list: the lexical score, or the fused one with embeddings. */
  score: number;
}

export interface SearchOptions {
  limit?: number;
  /** When set, passages are also found by meaning and fused with the lexical ranking. */
  embedder?: Embedder;
}

const DEFAULT_PASSAGE_LIMIT = 6;

/** Whether any ready document is in view; one indexed lookup. */
async function anyReadyDocument(db: Db, scopes: readonly KnowledgeScope[]): Promise<boolean> {
  const found = await db.knowledgeDocument.findFirst({ where: { status: "ready", OR: scopes.map(scopeColumns) }, select: { id: true } });
  return found !== null;
}

/** The best passages for a question among the ready documents the user may read (personal + the room). */
export async function searchPassages(db: Db, query: PassageQuery, options: SearchOptions = {}): Promise<PassageHit[]> {
  const limit = options.limit ?? DEFAULT_PASSAGE_LIMIT;
  const scopes = await readableScopes(db, query.userId, query.roomId);
  // Every chat turn asks: without knowledge in view, skip ranking the whole index and embedding the
  // question (bench/knowledge/README.md has the cost).
  if (!(await anyReadyDocument(db, scopes))) return [];
  const lexical = await lexicalSearch(db, scopes, query.question, options.embedder ? limit * 3 : limit);
  let ranked: [number, number][] = lexical.map((hit) => [hit.chunkId, hit.score]);
  if (options.embedder) {
    const semantic = await vectorSearch(db, options.embedder, scopes, query.question, limit * 3);
    ranked = reciprocalRankScores([lexical.map((hit) => hit.chunkId), semantic.map((hit) => hit.chunkId)]);
  }
  ranked = ranked.slice(0, limit);
  const ids = ranked.map(([id]) => id);
  const scores = new Map(ranked);
  if (ids.length === 0) return [];
  const rows = await db.knowledgeChunk.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      text: true,
      headingPath: true,
      pageStart: true,
      pageEnd: true,
      lineStart: true,
      lineEnd: true,
      document: { select: { id: true, name: true, source: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { document, headingPath, id: chunkId, ...rest } = row;
    return [{ ...rest, chunkId, documentId: document.id, documentName: document.name, source: document.source, headingPath: JSON.parse(headingPath) as string[], score: scores.get(id) ?? 0 }];
  });
}

/** A hit as the chat cites it: `id` is the passage id the passage page opens. */
function toRetrievedPassage(hit: PassageHit, citation: number, question: string): RetrievedPassage {
  const source: RetrievedPassage["source"] = { documentName: hit.documentName };
  if (hit.pageStart !== null) source.page = hit.pageStart;
  if (hit.lineStart !== null) source.lineStart = hit.lineStart;
  if (hit.lineEnd !== null) source.lineEnd = hit.lineEnd;
  if (hit.headingPath.length > 0) source.headingPath = hit.headingPath;
  const terms = matchedTerms(question, hit.text);
  return { id: String(hit.chunkId), citation, text: hit.text, source, ...(terms.length > 0 && { matchedTerms: terms }) };
}

export interface KnowledgePassageSourceOptions extends SearchOptions {
  usage?: UsageEventSink;
  log?: Logger;
}

/** The chat's retrieval: numbered passages, and a `knowledge.search` usage event per question. */
export function createKnowledgePassageSource(db: Db, options: KnowledgePassageSourceOptions = {}): PassageSource {
  return {
    async retrieve(query) {
      const started = performance.now();
      const hits = await searchPassages(db, query, options);
      const ms = Math.round(performance.now() - started);
      const event = usageEvent("knowledge.search", { userId: query.userId, roomId: query.roomId }, { results: hits.length, ms });
      await options.usage?.record([event]).catch((err: unknown) => options.log?.warn({ err }, "could not record a search event"));
      return hits.map((hit, i) => toRetrievedPassage(hit, i + 1, query.question));
    },
  };
}
