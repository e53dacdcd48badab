// bench/api REST reads: what an /api/v1 read adds on top of the domain call it wraps. A SQLite
// database is seeded with one user's conversations and documents; each read is timed as the domain
// call alone and through HTTP (bearer-token lookup, scope check, validation, DTO mapping, JSON),
// alternating in one run. Next.js routing is not included.
// Run: LOG_LEVEL=silent node --import tsx bench/api/rest-reads.ts [--runs 300]
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { listDocumentsEndpoint, searchKnowledgeEndpoint } from "../../lib/api-v1/knowledge-endpoints";
import { listConversationsEndpoint, readConversationEndpoint } from "../../lib/api-v1/conversation-endpoints";
import { createApiToken } from "../../lib/auth/api-tokens";
import { resolvePrincipal, type Principal } from "../../lib/auth/principal";
import { toSessionUser } from "../../lib/auth/users";
import { listConversations } from "../../lib/chat/conversations";
import { loadMessages } from "../../lib/chat/messages";
import { createTestDatabase } from "../../lib/db/test-database";
import { listDocumentPage } from "../../lib/knowledge/documents";
import { searchPassages } from "../../lib/knowledge/search/passages";
import { createKnowledgeHarness } from "../../lib/knowledge/test-support";
import { fmt, pct } from "../sse-timing";

const { values } = parseArgs({ options: { runs: { type: "string", default: "300" } } });
const RUNS = Number(values.runs);
const CONVERSATIONS = 200;
const MESSAGES = 20;
const DOCUMENTS = 30;

async function main() {
  const database = await createTestDatabase("sqlite");
  const db = database.db;
  const knowledge = createKnowledgeHarness(db);
  const user = toSessionUser(await db.user.create({ data: { name: "Bench", email: `bench-${crypto.randomUUID()}@example.com` } }));
  const { token } = await createApiToken(db, user, { name: "bench", scopes: ["chat", "knowledge:read"], expiresInDays: 1 });
  let conversationId = "";
  for (let c = 0; c < CONVERSATIONS; c++) {
    const conversation = await db.conversation.create({ data: { userId: user.id, title: `Conversation ${c}` } });
    conversationId = conversation.id;
    await db.chatMessage.createMany({
      data: Array.from({ length: MESSAGES }, (_, m) => ({ conversationId: conversation.id, role: m % 2 ? "assistant" : "user", content: `Message ${m} about deploys and backups. `.repeat(20) })),
    });
  }
  for (let d = 0; d < DOCUMENTS; d++) await knowledge.upload(user.id, `doc-${d}.md`, `# Doc ${d}\n\nDeploys run nightly; backups are kept ${d} days.\n`);
  await knowledge.drain();

  const reads: Record<string, { domain: () => Promise<unknown>; rest: (p: Principal) => Promise<unknown>; path: string }> = {
    "list conversations": {
      domain: () => listConversations(db, user.id, { limit: 50 }),
      rest: (p) => listConversationsEndpoint(db, p, {}),
      path: "/conversations",
    },
    "read conversation": {
      domain: () => loadMessages(db, user.id, conversationId),
      rest: (p) => readConversationEndpoint(db, p, conversationId),
      path: `/conversations/${conversationId}`,
    },
    "list documents": {
      domain: () => listDocumentPage(db, user.id, { limit: 50 }),
      rest: (p) => listDocumentsEndpoint(db, p, {}),
      path: "/documents",
    },
    search: {
      domain: () => searchPassages(db, { userId: user.id, roomId: null, question: "how long are backups kept" }, { limit: 10 }),
      rest: (p) => searchKnowledgeEndpoint({ db }, p, { q: "how long are backups kept" }),
      path: "/search",
    },
  };
  const byPath = new Map(Object.values(reads).map((r) => [r.path, r.rest]));
  const server = createServer(async (req, res) => {
    const principal = await resolvePrincipal(new Headers({ authorization: req.headers.authorization ?? "" }), { db, sessionUser: async () => null });
    const body = JSON.stringify(await byPath.get(req.url ?? "")!(principal));
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };

  console.log(`${RUNS} sequential reads each; ${CONVERSATIONS} conversations × ${MESSAGES} messages, ${DOCUMENTS} documents (SQLite)`);
  for (const [name, read] of Object.entries(reads)) {
    const get = () => fetch(`${base}${read.path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    for (let i = 0; i < 20; i++) await Promise.all([read.domain(), get()]); // warm-up
    const domain: number[] = [];
    const rest: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      domain.push(await time(read.domain));
      rest.push(await time(get));
    }
    const overhead = rest.map((ms, i) => ms - domain[i]!);
    console.log(
      `${name.padEnd(19)} domain p50 ${fmt(pct(domain, 50))} p95 ${fmt(pct(domain, 95))} ms | REST p50 ${fmt(pct(rest, 50))} p95 ${fmt(pct(rest, 95))} ms | overhead p50 ${fmt(pct(overhead, 50))} p95 ${fmt(pct(overhead, 95))} ms`,
    );
  }
  server.close();
  knowledge.dispose();
  await database.dispose();
}

await main();
