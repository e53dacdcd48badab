// bench/chat: what our chat turn adds on top of the provider. A fake OpenAI-compatible server
// emits a fixed token stream; we time the first token and the whole answer when reading it
// directly from the provider versus through our turn (real AI SDK client, resilience, context
// assembly, SQLite writes, UI-message SSE encoding) served over HTTP. Next.js routing and
// sign-in are not included, nor is creating each turn's conversation (the route never does). Run: LOG_LEVEL=silent node --import tsx bench/chat/run.ts [--runs 100] [--concurrency 50]
import { createUIMessageStreamResponse } from "ai";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { createAiRuntime } from "../../lib/ai/runtime";
import { testConfig } from "../../lib/ai/testing/chat-harness";
import { startFakeProvider } from "../../lib/ai/testing/fake-providers";
import { createConversation } from "../../lib/chat/conversations";
import { createTestUser } from "../../lib/chat/testing";
import { startChatTurn } from "../../lib/chat/turn";
import { createTestDatabase } from "../../lib/db/test-database";
import { logger } from "../../lib/observability/logger";
import { alternate, fmt, pct, timeSse, timingRow, type Timing } from "../sse-timing";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "100" }, concurrency: { type: "string", default: "50" }, tokens: { type: "string", default: "100" } },
});
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const TOKENS = Number(values.tokens);

async function main() {
  const fake = await startFakeProvider("openai");
  const chunks = Array.from({ length: TOKENS }, (_, i) => `tok${i} `);
  fake.fallbackReply = { kind: "stream", chunks, usage: { input: 50, output: TOKENS }, chunkDelayMs: 1 };
  const database = await createTestDatabase("sqlite");
  const userId = await createTestUser(database.db, "Bench");
  const ai = createAiRuntime(testConfig({ OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, OPENAI_COMPATIBLE_MODELS: "bench", AI_FIRST_TOKEN_TIMEOUT_MS: "30000", AI_STREAM_IDLE_TIMEOUT_MS: "30000" }));
  const deps = { db: database.db, ai, passages: { retrieve: async () => [] }, log: logger };

  const server: Server = createServer(async (req, res) => {
    const conversationId = (req.url ?? "/").slice(1);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const stream = await startChatTurn(deps, {
      userId,
      conversationId,
      trigger: { kind: "submit", messageId: crypto.randomUUID(), text: "Count for me" },
      model: "openai-compatible:bench",
      editor: undefined,
      roomId: null,
      signal: abort.signal,
    });
    const response = createUIMessageStreamResponse({ stream });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    Readable.fromWeb(response.body as never).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const ours = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const direct = async (): Promise<Timing> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const response = await fetch(`${fake.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "bench", stream: true, messages: [{ role: "user", content: "Count for me" }] }),
    });
    return timeSse(response, started, cpu, (d) => d.includes('"content"'));
  };
  const through = async (): Promise<Timing> => {
    const conversation = await createConversation(database.db, userId);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const response = await fetch(`${ours}${conversation.id}`, { method: "POST" });
    return timeSse(response, started, cpu, (d) => d.includes('"text-delta"'));
  };

  const { directRuns, ourRuns } = await alternate(direct, through, RUNS, 10);
  console.log(`${RUNS} sequential turns, ${TOKENS} tokens each, 1 ms apart at the provider`);
  console.log(timingRow("direct", directRuns));
  console.log(timingRow("ours", ourRuns));
  const overhead = ourRuns.map((r, i) => r.ttftMs - directRuns[i]!.ttftMs);
  console.log(`ttft overhead p50 ${fmt(pct(overhead, 50))} ms, p95 ${fmt(pct(overhead, 95))} ms; total ratio p50 ${fmt(pct(ourRuns.map((r, i) => r.totalMs / directRuns[i]!.totalMs), 50))}`);
  const cpuP50 = (runs: Timing[]) => pct(runs.map((r) => r.ttftCpuMs), 50);
  console.log(`cpu until the first token p50 (steadier than wall time on a busy machine): direct ${fmt(cpuP50(directRuns))} ms, ours ${fmt(cpuP50(ourRuns))} ms`);

  // Throughput of one long stream with no pauses at the provider.
  fake.fallbackReply = { kind: "stream", chunks: Array.from({ length: 5000 }, (_, i) => `t${i} `), chunkDelayMs: 0 };
  const longDirect = await direct();
  const longOurs = await through();
  const perSecond = (t: Timing) => Math.round(5000 / ((t.totalMs - t.ttftMs) / 1000));
  console.log(`one 5000-token stream after its first token: direct ${perSecond(longDirect)} tok/s, ours ${perSecond(longOurs)} tok/s`);

  // Many at once: every stream must finish complete.
  fake.fallbackReply = { kind: "stream", chunks, chunkDelayMs: 5 };
  const started = performance.now();
  const concurrent = await Promise.all(Array.from({ length: CONCURRENCY }, () => through()));
  const complete = concurrent.filter((r) => r.chunks === TOKENS).length;
  console.log(
    `${CONCURRENCY} concurrent streams (5 ms/token): ${complete}/${CONCURRENCY} complete in ${fmt(performance.now() - started)} ms; ` +
      `ttft p50 ${fmt(pct(concurrent.map((r) => r.ttftMs), 50))} p95 ${fmt(pct(concurrent.map((r) => r.ttftMs), 95))} ms; ` +
      `total p95 ${fmt(pct(concurrent.map((r) => r.totalMs), 95))} ms (provider alone: ${TOKENS * 5} ms)`,
  );

  server.close();
  await fake.close();
  await database.dispose();
}

await main();
