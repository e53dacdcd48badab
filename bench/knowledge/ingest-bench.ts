import { createTestDatabase } from "../../lib/db/test-database";
import type { DbProvider } from "../../lib/db/target";
import { ingestBuffer } from "../../lib/knowledge/pipeline";
import { createKnowledgeHarness } from "../../lib/knowledge/test-support";
import { codeDocument, markdownDocument, pdfDocument } from "./corpus";

export interface IngestResult {
  kind: "markdown" | "code" | "pdf";
  provider: DbProvider;
  files: number;
  megabytes: number;
  chunks: number;
  /** detect → extract → validate → chunk only. */
  pipelineMBs: number;
  /** Upload stored, job claimed, pipeline, duplicate/conflict checks, chunks written and indexed. */
  indexedMBs: number;
}

function files(kind: IngestResult["kind"], count: number, words: readonly string[]): { name: string; bytes: Uint8Array }[] {
  return Array.from({ length: count }, (_, i) => {
    if (kind === "pdf") return { name: `doc-${i}.pdf`, bytes: pdfDocument(40, 100 + i, words) };
    const text = kind === "markdown" ? markdownDocument(256 * 1024, 100 + i, words) : codeDocument(256 * 1024, 100 + i, words);
    return { name: kind === "markdown" ? `doc-${i}.md` : `mod-${i}.ts`, bytes: Buffer.from(text) };
  });
}

const mbs = (bytes: number, ms: number) => Number((bytes / (1024 * 1024) / (ms / 1000)).toFixed(2));

export async function benchIngestion(kind: IngestResult["kind"], provider: DbProvider, count: number, words: readonly string[]): Promise<IngestResult> {
  const corpus = files(kind, count, words);
  const bytes = corpus.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  let started = performance.now();
  for (const file of corpus) {
    const result = await ingestBuffer(file, { chunkTokens: 400 });
    if (!result.ok) throw new Error(`${file.name}: ${result.code} ${result.message}`);
  }
  const pipelineMs = performance.now() - started;

  const t = await createTestDatabase(provider);
  const k = createKnowledgeHarness(t.db);
  try {
    const user = (await t.db.user.create({ data: { email: "bench@example.com", name: "Bench" } })).id;
    k.deps.options = { chunkTokens: 400 };
    started = performance.now();
    for (const file of corpus) await k.upload(user, file.name, file.bytes);
    await k.drain();
    const indexedMs = performance.now() - started;
    const ready = await t.db.knowledgeDocument.count({ where: { status: "ready" } });
    if (ready !== count) throw new Error(`${kind}: only ${ready} of ${count} documents became ready`);
    const chunks = await t.db.knowledgeChunk.count();
    return { kind, provider, files: count, megabytes: Number((bytes / (1024 * 1024)).toFixed(1)), chunks, pipelineMBs: mbs(bytes, pipelineMs), indexedMBs: mbs(bytes, indexedMs) };
  } finally {
    k.dispose();
    await t.dispose();
  }
}
