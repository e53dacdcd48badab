// bench/api: what /v1/chat/completions adds on top of the provider. A fake OpenAI-compatible
// server emits a fixed token stream; the same request is timed straight to it and through our
// handler (bearer-token lookup, scope check, lib/ai resilience, usage event, OpenAI SSE encoding)
// served over HTTP, alternating in one run. Next.js routing is not included.
// Run: LOG_LEVEL=silent node --import tsx bench/api/run.ts [--runs 200] [--tokens 50]
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { createAiRuntime } from "../../lib/ai/runtime";
import { testConfig } from "../../lib/ai/testing/chat-harness";
import { startFakeProvider } from "../../lib/ai/testing/fake-providers";
import { createApiToken } from "../../lib/auth/api-tokens";
import { resolvePrincipal } from "../../lib/auth/principal";
import { toSessionUser } from "../../lib/auth/users";
import { createTestDatabase } from "../../lib/db/test-database";
import { logger } from "../../lib/observability/logger";
import { createChatCompletion } from "../../lib/openai-api/completions";
import { fmt, pct, timeSse, type Timing } from "../sse-timing";

const { values } = parseArgs({ options: { runs: { type: "string", default: "200" }, tokens: { type: "string", default: "50" } } });
const RUNS = Number(values.runs);
const TOKENS = Number(values.tokens);

async function main() {
  const fake = await startFakeProvider("openai");
  fake.fallbackReply = { kind: "stream", chunks: Array.from({ length: TOKENS }, (_, i) => `tok${i} `), usage: { input: 20, output: TOKENS }, chunkDelayMs: 1 };
  const database = await createTestDatabase("sqlite");
  const db = database.db;
  const user = toSessionUser(await db.user.create({ data: { name: "Bench", email: `bench-${crypto.randomUUID()}@example.com` } }));
  const { token } = await createApiToken(db, user, { name: "bench", scopes: ["chat"], expiresInDays: 1 });
  const ai = createAiRuntime(testConfig({ OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, OPENAI_COMPATIBLE_MODELS: "bench", AI_FIRST_TOKEN_TIMEOUT_MS: "30000", AI_STREAM_IDLE_TIMEOUT_MS: "30000" }));
  const deps = { db, ai, passages: { retrieve: async () => [] }, log: logger };

  const server: Server = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const principal = await resolvePrincipal(new Headers({ authorization: req.headers.authorization ?? "" }), { db, sessionUser: async () => null });
    const response = await createChatCompletion(deps, principal, JSON.parse(Buffer.concat(parts).toString("utf8")), abort.signal);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    Readable.fromWeb(response.body as never).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const ours = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  const ask = async (baseURL: string, model: string, headers: Record<string, string>): Promise<Timing> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ model, stream: true, messages: [{ role: "user", content: "Count for me" }] }),
    });
    return timeSse(response, started, cpu, (d) => d.includes('"content":"tok'));
  };
  const direct = () => ask(fake.baseURL, "bench", {});
  const through = () => ask(ours, "openai-compatible:bench", { authorization: `Bearer ${token}` });

  for (let i = 0; i < 20; i++) await Promise.all([direct(), through()]); // warm-up
  const directRuns: Timing[] = [];
  const ourRuns: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    directRuns.push(await direct());
    ourRuns.push(await through());
  }
  const incomplete = ourRuns.filter((r) => r.chunks !== TOKENS).length;
  const row = (name: string, runs: Timing[]) =>
    `${name.padEnd(8)} ttft p50 ${fmt(pct(runs.map((r) => r.ttftMs), 50))} p95 ${fmt(pct(runs.map((r) => r.ttftMs), 95))} ms | total p50 ${fmt(pct(runs.map((r) => r.totalMs), 50))} ms`;
  console.log(`${RUNS} sequential streamed completions, ${TOKENS} tokens each, 1 ms apart at the provider (${incomplete} incomplete)`);
  console.log(row("direct", directRuns));
  console.log(row("/v1", ourRuns));
  const overhead = ourRuns.map((r, i) => r.ttftMs - directRuns[i]!.ttftMs);
  const ratio = (p: number) => pct(ourRuns.map((r) => r.ttftMs), p) / pct(directRuns.map((r) => r.ttftMs), p);
  console.log(`ttft overhead p50 ${fmt(pct(overhead, 50))} ms, p95 ${fmt(pct(overhead, 95))} ms; ttft ratio p50 ${fmt(ratio(50))}, p95 ${fmt(ratio(95))}`);

  server.close();
  await fake.close();
  await database.dispose();
}

await main();
