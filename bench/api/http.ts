// bench/api over the real product: `node scripts/start.mjs` (production build, Next.js routing,
// proxy, token lookup, limits) on a fresh SQLite data folder, driven over HTTP with an API token.
// 1. Streamed /v1/chat/completions against the same fake provider called directly, alternating.
// 2. REST reads (GET /api/v1/… over 20 rooms, conversations and documents made through the API) against a bare node:http server answering a JSON body of the same
//    size: the floor any JSON API over HTTP pays.
// Run: LOG_LEVEL=silent node --import tsx bench/api/http.ts [--runs 200] [--tokens 50] [--reads 300] [--port 3900]
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { startFakeProvider } from "../../lib/ai/testing/fake-providers";
import { alternate, fmt, pct, timeChatCompletion, timingRow } from "../sse-timing";
import { startProductOnFakeProvider, type ProductServer } from "./product-server";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    tokens: { type: "string", default: "50" },
    reads: { type: "string", default: "300" },
    port: { type: "string", default: "3900" },
  },
});
const RUNS = Number(values.runs);
const TOKENS = Number(values.tokens);
const READS = Number(values.reads);

const READ_PATHS = ["/v1/models", "/api/v1/rooms", "/api/v1/conversations", "/api/v1/knowledge/documents", "/api/v1/knowledge/search?q=deploy"];

/** Gives the lists something to list: rooms, conversations and documents made through the API. */
async function seed(product: ProductServer): Promise<void> {
  const post = async (path: string, body: string, contentType = "application/json") => {
    const response = await fetch(product.baseUrl + path, { method: "POST", headers: { authorization: `Bearer ${product.token}`, "content-type": contentType }, body });
    if (!response.ok) throw new Error(`seeding ${path}: HTTP ${response.status} ${await response.text()}`);
  };
  for (let i = 0; i < 20; i++) {
    await post("/api/v1/rooms", JSON.stringify({ name: `Bench room ${i}` }));
    await post("/api/v1/conversations", JSON.stringify({ title: `Bench conversation ${i}` }));
    const text = `# Runbook ${i}\n\n${"How we deploy the service and roll it back when a release fails. ".repeat(40)}\n`;
    await post(`/api/v1/knowledge/documents?name=runbook-${i}.md`, text, "application/octet-stream");
  }
}

async function benchCompletions(product: ProductServer, fakeBaseUrl: string): Promise<void> {
  const direct = () => timeChatCompletion(fakeBaseUrl, "bench", {});
  const through = () => timeChatCompletion(`${product.baseUrl}/v1`, "openai-compatible:bench", { authorization: `Bearer ${product.token}` });
  const { directRuns, ourRuns } = await alternate(direct, through, RUNS, 30);
  const overhead = ourRuns.map((r, i) => r.ttftMs - directRuns[i]!.ttftMs);
  const incomplete = ourRuns.filter((r) => r.chunks !== TOKENS).length;
  console.log(`streamed completions: ${RUNS} sequential, ${TOKENS} tokens 1 ms apart (${incomplete} incomplete)`);
  console.log(timingRow("  provider directly", directRuns, 24));
  console.log(timingRow("  /v1/chat/completions", ourRuns, 24));
  console.log(`  ttft added by us p50 ${fmt(pct(overhead, 50))} ms, p95 ${fmt(pct(overhead, 95))} ms`);
}

async function timeGet(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, status: response.status };
}

async function benchReads(product: ProductServer): Promise<void> {
  let anchorBody = "{}";
  const anchor = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(anchorBody);
  });
  await new Promise<void>((resolve) => anchor.listen(0, "127.0.0.1", resolve));
  const anchorUrl = `http://127.0.0.1:${(anchor.address() as AddressInfo).port}/`;
  const auth = { authorization: `Bearer ${product.token}` };
  console.log(`REST reads: ${READS} sequential GETs each, alternating with a bare node:http server sending as many bytes`);
  for (const path of READ_PATHS) {
    const first = await timeGet(product.baseUrl + path, auth);
    if (first.status !== 200) {
      console.log(`  ${path.padEnd(38)} skipped: HTTP ${first.status}`);
      continue;
    }
    anchorBody = JSON.stringify({ pad: "x".repeat(Math.max(0, first.bytes - 10)) });
    for (let i = 0; i < 20; i++) await Promise.all([timeGet(product.baseUrl + path, auth), timeGet(anchorUrl, {})]);
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < READS; i++) {
      ours.push((await timeGet(product.baseUrl + path, auth)).ms);
      floor.push((await timeGet(anchorUrl, {})).ms);
    }
    const added = ours.map((ms, i) => ms - floor[i]!);
    console.log(
      `  ${path.padEnd(38)} ours p50 ${fmt(pct(ours, 50))} p95 ${fmt(pct(ours, 95))} ms | bare p50 ${fmt(pct(floor, 50))} p95 ${fmt(pct(floor, 95))} ms | added p50 ${fmt(pct(added, 50))} p95 ${fmt(pct(added, 95))} ms (${first.bytes} B)`,
    );
  }
  anchor.close();
}

async function main() {
  const fake = await startFakeProvider("openai");
  fake.fallbackReply = { kind: "stream", chunks: Array.from({ length: TOKENS }, (_, i) => `tok${i} `), usage: { input: 20, output: TOKENS }, chunkDelayMs: 1 };
  const product = await startProductOnFakeProvider(Number(values.port), fake.baseURL);
  try {
    await seed(product);
    await benchCompletions(product, fake.baseURL);
    await benchReads(product);
  } finally {
    await product.stop();
    await fake.close();
  }
}

await main();
