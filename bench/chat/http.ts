// bench/chat over the real product: `node scripts/start.mjs` (production build, Next routing,
// proxy, session check, limits, the chat turn, SQLite writes, UI-message SSE) on a fresh data
// folder, signed in as a browser is, against the same fake provider called directly, in one run.
// Run: LOG_LEVEL=silent node --import tsx bench/chat/http.ts [--runs 100] [--concurrency 50] [--tokens 100] [--port 3920]
import { parseArgs } from "node:util";
import { startFakeProvider } from "../../lib/ai/testing/fake-providers";
import { createConversation } from "../../lib/chat/conversations";
import { signInSession, startProductOnFakeProvider } from "../api/product-server";
import { alternate, fmt, pct, timeChatCompletion, timeSse, timingRow, type Timing } from "../sse-timing";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100" },
    concurrency: { type: "string", default: "50" },
    tokens: { type: "string", default: "100" },
    port: { type: "string", default: "3920" },
  },
});
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const TOKENS = Number(values.tokens);

async function main() {
  const fake = await startFakeProvider("openai");
  const chunks = Array.from({ length: TOKENS }, (_, i) => `tok${i} `);
  fake.fallbackReply = { kind: "stream", chunks, usage: { input: 50, output: TOKENS }, chunkDelayMs: 1 };
  const product = await startProductOnFakeProvider(Number(values.port), fake.baseURL);
  try {
    const cookie = await signInSession(product);
    const direct = () => timeChatCompletion(fake.baseURL, "bench", {});
    const through = async (): Promise<Timing> => {
      const conversation = await createConversation(product.db, product.userId);
      const cpu = process.cpuUsage();
      const started = performance.now();
      const response = await fetch(`${product.baseUrl}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: product.baseUrl },
        body: JSON.stringify({
          id: conversation.id,
          trigger: "submit-message",
          model: "openai-compatible:bench",
          message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "Count for me" }] },
        }),
      });
      if (!response.ok) throw new Error(`/api/chat: HTTP ${response.status} ${await response.text()}`);
      return timeSse(response, started, cpu, (d) => d.includes('"text-delta"'));
    };

    const { directRuns, ourRuns } = await alternate(direct, through, RUNS, 20);
    console.log(`${RUNS} sequential turns through /api/chat with a session, ${TOKENS} tokens each, 1 ms apart at the provider`);
    console.log(timingRow("direct", directRuns));
    console.log(timingRow("/api/chat", ourRuns));
    const overhead = ourRuns.map((r, i) => r.ttftMs - directRuns[i]!.ttftMs);
    console.log(`ttft added by us p50 ${fmt(pct(overhead, 50))} ms, p95 ${fmt(pct(overhead, 95))} ms`);

    fake.fallbackReply = { kind: "stream", chunks, chunkDelayMs: 5 };
    const timeAll = async (one: () => Promise<Timing>) => {
      const started = performance.now();
      const runs = await Promise.all(Array.from({ length: CONCURRENCY }, one));
      return { ms: performance.now() - started, runs, complete: runs.filter((r) => r.chunks === TOKENS).length };
    };
    const alone = await timeAll(direct);
    const ours = await timeAll(through);
    const line = (name: string, r: Awaited<ReturnType<typeof timeAll>>) =>
      `  ${name.padEnd(10)} ${r.complete}/${CONCURRENCY} complete in ${fmt(r.ms)} ms; ttft p50 ${fmt(pct(r.runs.map((x) => x.ttftMs), 50))} p95 ${fmt(pct(r.runs.map((x) => x.ttftMs), 95))} ms`;
    console.log(`${CONCURRENCY} concurrent streams of ${TOKENS} tokens at 5 ms per token:`);
    console.log(line("provider", alone));
    console.log(line("/api/chat", ours));
    console.log(`  total ratio ours/provider ${fmt(ours.ms / alone.ms)}`);
  } finally {
    await product.stop();
    await fake.close();
  }
}

await main();
