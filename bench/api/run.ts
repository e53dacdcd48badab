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
import { alternate, fmt, pct, timeChatCompletion, timingRow } from "../sse-timing";

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

  const direct = () => timeChatCompletion(fake.baseURL, "bench", {});
  const through = () => timeChatCompletion(ours, "openai-compatible:bench", { authorization: `Bearer ${token}` });
  const { directRuns, ourRuns } = await alternate(direct, through, RUNS, 20);
  const incomplete = ourRuns.filter((r) => r.chunks !== TOKENS).length;
  console.log(`${RUNS} sequential streamed completions, ${TOKENS} tokens each, 1 ms apart at the provider (${incomplete} incomplete)`);
  console.log(timingRow("direct", directRuns, 8));
  console.log(timingRow("/v1", ourRuns, 8));
  const overhead = ourRuns.map((r, i) => r.ttftMs - directRuns[i]!.ttftMs);
  const ratio = (p: number) => pct(ourRuns.map((r) => r.ttftMs), p) / pct(directRuns.map((r) => r.ttftMs), p);
  console.log(`ttft overhead p50 ${fmt(pct(overhead, 50))} ms, p95 ${fmt(pct(overhead, 95))} ms; ttft ratio p50 ${fmt(ratio(50))}, p95 ${fmt(ratio(95))}`);

  server.close();
  await fake.close();
  await database.dispose();
}

await main();
