import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAiRuntime, type AiRuntime } from "../ai/runtime";
import { testConfig } from "../ai/testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "../ai/testing/fake-providers";
import { createApiToken } from "../auth/api-tokens";
import { resolvePrincipal, sessionPrincipal, type Principal } from "../auth/principal";
import { revokeTokenEndpoint } from "../auth/token-endpoints";
import type { SessionUser } from "../auth/roles";
import { listConversations } from "../chat/conversations";
import { loadMessages } from "../chat/messages";
import type { ChatTurnDeps } from "../chat/turn";
import { createRoom } from "../collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { createKnowledgePassageSource } from "../knowledge/search/passages";
import { createKnowledgeHarness, type KnowledgeHarness } from "../knowledge/test-support";
import { logger } from "../observability/logger";
import { createConversationEndpoint, deleteConversationEndpoint, listConversationsEndpoint, readConversationEndpoint } from "./conversation-endpoints";
import { postMessageEndpoint } from "./message-endpoint";
import { apiTestUser, readSseEvents, tokenPrincipal } from "./testing";

const DEPLOY_DOC = "# Deploying\n\n## Production\n\nRun the release pipeline with `npm run release`. Deployments go to the Kubernetes cluster after the canary passes.\n";
const QUESTION = "How do we deploy to the Kubernetes cluster?";

describe.each(testProviders())("REST v1 conversations on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let fake: FakeProviderServer;
  let ai: AiRuntime;
  let ada: SessionUser;
  let bob: SessionUser;
  let documentId: string;

  const deps = (): ChatTurnDeps => ({ db: t.db, ai, passages: createKnowledgePassageSource(t.db), log: logger });
  const post = (p: Principal, id: string, body: unknown, signal = new AbortController().signal) => postMessageEndpoint(deps(), p, id, body, signal);
  const code = (promise: Promise<unknown>) => promise.then(() => "ok", (err: { code?: string }) => err.code);
  const codeOf = (call: () => Promise<unknown>) => code(call());

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    k = createKnowledgeHarness(t.db);
    [ada, bob] = await Promise.all([apiTestUser(t.db, "Ada"), apiTestUser(t.db, "Bob")]);
    const doc = await k.ingest(ada.id, "deploy.md", DEPLOY_DOC);
    expect(doc.status).toBe("ready");
    documentId = doc.id;
  });
  afterAll(async () => {
    k?.dispose();
    await t?.dispose();
  });
  beforeEach(async () => {
    fake = await startFakeProvider("openai");
    ai = createAiRuntime(testConfig({ OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, OPENAI_COMPATIBLE_MODELS: "main" }));
  });
  afterEach(() => fake.close());

  it("creates, lists (paged and searched), reads and deletes the caller's conversations", async () => {
    const p = sessionPrincipal(bob);
    const created = [];
    for (const title of ["Alpha notes", "Beta plan", "Gamma review"]) created.push(await createConversationEndpoint(t.db, p, { title }));
    expect(created[0]).toMatchObject({ title: "Alpha notes", roomId: null });
    expect(created[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const first = await listConversationsEndpoint(t.db, p, { limit: "2" });
    expect(first.items.map((c) => c.title)).toEqual(["Gamma review", "Beta plan"]);
    const second = await listConversationsEndpoint(t.db, p, { limit: "2", cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ title: "Alpha notes" })], nextCursor: null });
    expect((await listConversationsEndpoint(t.db, p, { q: "beta" })).items.map((c) => c.title)).toEqual(["Beta plan"]);
    expect(await code(listConversationsEndpoint(t.db, p, { limit: "201" }))).toBe("VALIDATION_FAILED");

    expect(await readConversationEndpoint(t.db, p, created[1]!.id)).toMatchObject({ id: created[1]!.id, title: "Beta plan", messages: [] });
    await deleteConversationEndpoint(t.db, p, created[1]!.id);
    expect(await code(readConversationEndpoint(t.db, p, created[1]!.id))).toBe("NOT_FOUND");
  });

  it("answers as JSON with usage and resolved citations, stored where /chat reads it", async () => {
    fake.reply({ kind: "stream", chunks: ["Run ", "`npm run release` [1]."], usage: { input: 42, output: 7 } });
    const p = await tokenPrincipal(t.db, ada, ["chat", "knowledge:read"]);
    const { id } = await createConversationEndpoint(t.db, p, {});
    const response = await post(p, id, { content: QUESTION, model: "openai-compatible:main" });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { message: { id: string; content: string; citations: unknown[] }; model: string; usage: unknown };
    expect(answer).toMatchObject({ model: "openai-compatible:main", usage: { inputTokens: 42, outputTokens: 7 } });
    expect(answer.message).toMatchObject({ role: "assistant", content: "Run `npm run release` [1]." });
    expect(answer.message.citations).toEqual([
      { documentId, documentName: "deploy.md", page: null, heading: "Deploying › Production", excerpt: expect.stringContaining("npm run release") },
    ]);
    expect(JSON.stringify(fake.chatRequests()[0]!.body)).toContain("Kubernetes cluster after the canary");

    // The chat page lists and shows it like any other conversation.
    expect((await listConversations(t.db, ada.id)).items.map((c) => c.id)).toContain(id);
    const stored = await loadMessages(t.db, ada.id, id);
    expect(stored.map((m) => [m.role, m.content])).toEqual([["user", QUESTION], ["assistant", "Run `npm run release` [1]."]]);
    const read = await readConversationEndpoint(t.db, p, id);
    expect(read.title).not.toBe("New chat");
    expect(read.messages[1]).toMatchObject({ id: answer.message.id, citations: answer.message.citations });
    const event = await t.db.usageEvent.findFirstOrThrow({ where: { type: "chat.turn", data: { contains: id } } });
    expect(JSON.parse(event.data)).toMatchObject({ inputTokens: 42, outputTokens: 7, error: null });
  });

  it("streams text, then citations, then done", async () => {
    fake.reply({ kind: "stream", chunks: ["Use ", "the ", "pipeline."], usage: { input: 30, output: 3 } });
    const p = await tokenPrincipal(t.db, ada, ["chat", "knowledge:read"]);
    const { id } = await createConversationEndpoint(t.db, p, {});
    const response = await post(p, id, { content: QUESTION, stream: true });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readSseEvents(response);
    expect(events.map((e) => e.type)).toEqual(["text", "text", "text", "citations", "done"]);
    expect(events.filter((e) => e.type === "text").map((e) => e.text).join("")).toBe("Use the pipeline.");
    expect(events[3]).toMatchObject({ citations: [{ documentId, documentName: "deploy.md" }] });
    const stored = await loadMessages(t.db, ada.id, id);
    expect(events[4]).toEqual({ type: "done", messageId: stored[1]!.id, model: "openai-compatible:main", usage: { inputTokens: 30, outputTokens: 3 } });
  });

  it("leaves knowledge out when asked, and by default for a token without knowledge:read", async () => {
    const chatOnly = await tokenPrincipal(t.db, ada, ["chat"]);
    const { id } = await createConversationEndpoint(t.db, chatOnly, {});
    const answer = (await (await post(chatOnly, id, { content: QUESTION })).json()) as { message: { citations: unknown[] } };
    expect(answer.message.citations).toEqual([]);
    expect(JSON.stringify(fake.chatRequests()[0]!.body)).not.toContain("canary");
    expect(await code(post(chatOnly, id, { content: QUESTION, knowledge: true }))).toBe("INSUFFICIENT_SCOPE");

    const both = await tokenPrincipal(t.db, ada, ["chat", "knowledge:read"]);
    await (await post(both, id, { content: QUESTION, knowledge: false })).text();
    expect(JSON.stringify(fake.chatRequests()[1]!.body)).not.toContain("canary");
  });

  it("reports a failed answer as an error event when streaming and as an error status otherwise", async () => {
    fake.fallbackReply = { kind: "status", status: 500 };
    const p = sessionPrincipal(ada);
    const { id } = await createConversationEndpoint(t.db, p, {});
    const events = await readSseEvents(await post(p, id, { content: "Anyone there?", stream: true, knowledge: false }));
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "AI_PROVIDER_FAILED" } });
    expect(events.some((e) => e.type === "done")).toBe(false);
    await expect(post(p, id, { content: "Still there?", knowledge: false })).rejects.toMatchObject({ code: "AI_PROVIDER_FAILED", status: 502 });
    expect((await loadMessages(t.db, ada.id, id)).filter((m) => m.role === "assistant").map((m) => m.error)).toEqual(["AI_PROVIDER_FAILED", "AI_PROVIDER_FAILED"]);
  });

  it("refuses missing scopes, other users' conversations, rooms the caller is not in, and revoked tokens", async () => {
    const adas = await createConversationEndpoint(t.db, sessionPrincipal(ada), { title: "Private" });
    const bobChat = await tokenPrincipal(t.db, bob, ["chat"]);
    for (const call of [
      () => readConversationEndpoint(t.db, bobChat, adas.id),
      () => deleteConversationEndpoint(t.db, bobChat, adas.id),
      () => post(bobChat, adas.id, { content: "hi" }),
      () => readConversationEndpoint(t.db, bobChat, "../../etc"),
    ]) {
      expect(await codeOf(call)).toBe("NOT_FOUND");
    }
    const noChat = await tokenPrincipal(t.db, ada, ["knowledge:read", "rooms:read"]);
    for (const call of [
      () => listConversationsEndpoint(t.db, noChat, {}),
      () => createConversationEndpoint(t.db, noChat, {}),
      () => readConversationEndpoint(t.db, noChat, adas.id),
      () => deleteConversationEndpoint(t.db, noChat, adas.id),
      () => post(noChat, adas.id, { content: "hi" }),
    ]) {
      expect(await codeOf(call)).toBe("INSUFFICIENT_SCOPE");
    }
    const room = await createRoom(t.db, ada.id, { name: "Ada's room" });
    expect(await code(createConversationEndpoint(t.db, bobChat, { roomId: room.id }))).toBe("NOT_FOUND");
    expect(await createConversationEndpoint(t.db, sessionPrincipal(ada), { roomId: room.id })).toMatchObject({ roomId: room.id });
    expect(await code(post(sessionPrincipal(ada), adas.id, { content: "" }))).toBe("VALIDATION_FAILED");

    const { token, summary } = await createApiToken(t.db, bob, { name: "soon gone", scopes: ["chat"], expiresInDays: 1 });
    await revokeTokenEndpoint(t.db, sessionPrincipal(bob), summary.id);
    await expect(resolvePrincipal(new Headers({ authorization: `Bearer ${token}` }), { db: t.db, sessionUser: async () => null })).rejects.toMatchObject({
      code: "TOKEN_REVOKED",
      status: 401,
    });
  });
});
