// bench/mcp: what /api/mcp adds to a tool's domain call. The MCP server is stateless, so every
// request authenticates its token and builds a server and transport; this times that against the
// same search called directly, alternating in one run. The handler is served over HTTP as the
// integration tests serve it (lib/mcp/test-support.ts); Next.js routing is not included.
// Run: LOG_LEVEL=silent node --import tsx bench/mcp/run.ts [--runs 300]
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createAiRuntime } from "../../lib/ai/runtime";
import { testConfig } from "../../lib/ai/testing/chat-harness";
import { createApiToken } from "../../lib/auth/api-tokens";
import { resolvePrincipal } from "../../lib/auth/principal";
import { toSessionUser } from "../../lib/auth/users";
import { createTestDatabase } from "../../lib/db/test-database";
import { createKnowledgeHarness } from "../../lib/knowledge/test-support";
import { createKnowledgePassageSource } from "../../lib/knowledge/search/passages";
import { serveMcp } from "../../lib/mcp/test-support";
import { logger } from "../../lib/observability/logger";

const { values } = parseArgs({ options: { runs: { type: "string", default: "300" } } });
const RUNS = Number(values.runs);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => ms.toFixed(2);

async function main() {
  const database = await createTestDatabase("sqlite");
  const db = database.db;
  const knowledge = createKnowledgeHarness(db);
  const user = toSessionUser(await db.user.create({ data: { name: "Bench", email: `bench-${crypto.randomUUID()}@example.com` } }));
  for (let i = 0; i < 20; i++) {
    await knowledge.ingest(user.id, `runbook-${i}.md`, `# Runbook ${i}\n\n${"Deploys go out on Tuesdays after the release review. ".repeat(40)}\n\n## Rollback ${i}\n\nRoll back with the previous image tag.\n`);
  }
  const { token } = await createApiToken(db, user, { name: "bench", scopes: ["knowledge:read"], expiresInDays: 1 });
  const passages = createKnowledgePassageSource(db);
  const deps = {
    db,
    ai: createAiRuntime(testConfig({})),
    passages,
    log: logger,
    limitChatTurns: async () => {},
    sidecar: { url: "http://127.0.0.1:9", authSecret: "unused-unused-unused-unused-unused" },
  };
  const { server, url } = await serveMcp(deps);
  // The baseline: the same HTTP round trip and token check, answering without MCP.
  const plain = createServer(async (req, res) => {
    for await (const chunk of req) void chunk;
    await resolvePrincipal(new Headers({ authorization: req.headers.authorization ?? "" }), { db, sessionUser: async () => null });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: {} }));
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;

  const question = "how do deploys roll back";
  let id = 0;
  /** Wall and CPU time of one call; CPU (client, server and database share this process) is steadier on a busy machine. */
  type Sample = { wall: number; cpu: number };
  const timed = async (call: () => Promise<unknown>): Promise<Sample> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await call();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
  };
  const rpc = async (method: string, params: unknown, to: URL | string = url) => {
    const response = await fetch(to, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const body = (await response.json()) as { result?: { isError?: boolean } };
    if (!response.ok || !body.result || body.result.isError) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  };
  const direct = () => timed(() => passages.retrieve({ userId: user.id, roomId: null, question, limit: 6 }));
  const search = () => timed(() => rpc("tools/call", { name: "search_knowledge", arguments: { query: question } }));
  const list = () => timed(() => rpc("tools/list", {}));
  const ping = () => timed(() => rpc("ping", {}));
  const baseline = () => timed(() => rpc("ping", {}, plainUrl));

  for (let i = 0; i < 30; i++) await Promise.all([direct(), search(), list(), ping(), baseline()]); // warm-up
  const runs = { direct: [] as Sample[], search: [] as Sample[], list: [] as Sample[], ping: [] as Sample[], baseline: [] as Sample[] };
  for (let i = 0; i < RUNS; i++) {
    runs.baseline.push(await baseline());
    runs.direct.push(await direct());
    runs.search.push(await search());
    runs.list.push(await list());
    runs.ping.push(await ping());
  }
  const stats = (xs: number[]) => `p50 ${fmt(pct(xs, 50)).padStart(6)}  p95 ${fmt(pct(xs, 95)).padStart(6)}`;
  const row = (name: string, samples: Sample[]) =>
    `${name.padEnd(38)} wall ${stats(samples.map((s) => s.wall))} ms | cpu ${stats(samples.map((s) => s.cpu))} ms`;
  console.log(`${RUNS} sequential requests each, SQLite, 20 ready documents`);
  console.log(row("search, domain call", runs.direct));
  console.log(row("search_knowledge through /api/mcp", runs.search));
  console.log(row("tools/list through /api/mcp", runs.list));
  console.log(row("ping through /api/mcp", runs.ping));
  console.log(row("HTTP + token check, no MCP (baseline)", runs.baseline));
  const overhead = runs.search.map((s, i) => ({ wall: s.wall - runs.direct[i]!.wall, cpu: s.cpu - runs.direct[i]!.cpu }));
  console.log(row("overhead: search_knowledge - domain", overhead));

  server.close();
  plain.close();
  knowledge.dispose();
  await database.dispose();
}

await main();
