import type { Server } from "node:http";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAiRuntime } from "../ai/runtime";
import { testConfig } from "../ai/testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "../ai/testing/fake-providers";
import { createApiToken, revokeApiToken } from "../auth/api-tokens";
import type { SessionUser } from "../auth/roles";
import { API_SCOPES, type ApiScope } from "../auth/scopes";
import { toSessionUser } from "../auth/users";
import { createRoom } from "../collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { createKnowledgeHarness, type KnowledgeHarness } from "../knowledge/test-support";
import { createKnowledgePassageSource } from "../knowledge/search/passages";
import { logger } from "../observability/logger";
import { MCP_AUTH_CHALLENGE } from "./http";
import { MCP_TOOLS } from "./server";
import { connectMcpClient, MCP_TEST_MAX_BODY_BYTES, serveMcp } from "./test-support";
import type { McpDeps } from "./tool";

function errorOf(result: unknown): { code: string; message: string } {
  const call = result as CallToolResult;
  expect(call.isError).toBe(true);
  return (call.structuredContent as { error: { code: string; message: string } }).error;
}

describe.each(testProviders())("/api/mcp through the MCP SDK client on %s", (provider) => {
  let t: TestDatabase;
  let fake: FakeProviderServer;
  let knowledge: KnowledgeHarness;
  let server: Server;
  let url: URL;
  let ada: SessionUser;
  let bob: SessionUser;
  let adaRoom: string;
  let bobRoom: string;
  let chatCalls = 0;
  const clients: Client[] = [];

  async function tokenFor(user: SessionUser, scopes: ApiScope[]) {
    return createApiToken(t.db, user, { name: scopes.join("+"), scopes, expiresInDays: 1 });
  }

  async function connect(token: string): Promise<Client> {
    const client = await connectMcpClient(url, token);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    fake = await startFakeProvider("openai");
    fake.listing = ["fake-main"];
    const ai = createAiRuntime(testConfig({ OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, OPENAI_COMPATIBLE_MODELS: "fake-main" }));
    knowledge = createKnowledgeHarness(t.db);
    const user = async (name: string) => toSessionUser(await t.db.user.create({ data: { name, email: `${name}-${crypto.randomUUID()}@example.com` } }));
    ada = await user("ada");
    bob = await user("bob");
    adaRoom = (await createRoom(t.db, ada.id, { name: "Ada's room" })).id;
    bobRoom = (await createRoom(t.db, bob.id, { name: "Bob's room" })).id;
    await knowledge.ingest(ada.id, "deploys.md", "# Deploys\n\nProduction deploys happen every Tuesday at 10:00 after the release review.\n");
    await knowledge.ingest(ada.id, "oncall.md", "# On-call\n\nThe on-call rotation changes every Monday; deploys pause during incidents.\n", adaRoom);
    await knowledge.ingest(bob.id, "secret.md", "# Bob\n\nBob's deploys happen on Fridays, which nobody else should read.\n", bobRoom);
    const deps: McpDeps = {
      db: t.db,
      ai,
      passages: createKnowledgePassageSource(t.db, { usage: knowledge.deps.usage! }),
      log: logger,
      limitChatTurns: async () => void chatCalls++,
      // The room tools are driven against a real sidecar in server/mcp-room-tools.int.test.ts.
      sidecar: { url: "http://127.0.0.1:9", authSecret: "unused-unused-unused-unused-unused" },
    };
    ({ server, url } = await serveMcp(deps));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
    knowledge.dispose();
    await t.dispose();
  });

  it("lists its tools with JSON Schemas and answers as a stateless server", async () => {
    const client = await connect((await tokenFor(ada, ["knowledge:read"])).token);
    expect(client.getServerVersion()?.name).toBe("elite-coding-assistant");
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["search_knowledge", "list_rooms", "list_room_files", "read_room_file", "write_room_file", "ask_assistant"]);
    expect(tools.find((tool) => tool.name === "write_room_file")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    const search = tools.find((tool) => tool.name === "search_knowledge")!;
    expect(search.inputSchema).toMatchObject({ type: "object", required: ["query"], properties: { query: { type: "string" }, limit: { type: "integer" } } });
    expect(search.annotations?.readOnlyHint).toBe(true);

    const get = await fetch(url, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("searches the caller's knowledge and a room they are in, with citations and resource links", async () => {
    const client = await connect((await tokenFor(ada, ["knowledge:read"])).token);
    const result = (await client.callTool({ name: "search_knowledge", arguments: { query: "when do deploys happen", roomId: adaRoom } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const items = (result.structuredContent as { items: { documentName: string; citation: number; uri: string; text: string }[] }).items;
    expect(items.map((i) => i.documentName).sort()).toEqual(["deploys.md", "oncall.md"]);
    expect(items[0]!.citation).toBe(1);
    expect(items.find((i) => i.documentName === "deploys.md")?.text).toContain("every Tuesday");
    expect(result.content.filter((c) => c.type === "resource_link").map((c) => (c as { name: string }).name).sort()).toEqual(["deploys.md", "oncall.md"]);
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual({ items });

    const one = (await client.callTool({ name: "search_knowledge", arguments: { query: "deploys", limit: 1 } })) as CallToolResult;
    expect((one.structuredContent as { items: unknown[] }).items).toHaveLength(1);
  });

  it("refuses what the caller may not do with stable error codes", async () => {
    const reader = await connect((await tokenFor(ada, ["knowledge:read"])).token);
    expect(errorOf(await reader.callTool({ name: "search_knowledge", arguments: { query: "deploys", roomId: bobRoom } }))).toMatchObject({ code: "NOT_FOUND" });
    expect(errorOf(await reader.callTool({ name: "search_knowledge", arguments: { query: "" } }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(errorOf(await reader.callTool({ name: "search_knowledge", arguments: { query: "x", limit: 500 } }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(errorOf(await reader.callTool({ name: "ask_assistant", arguments: { question: "hi" } }))).toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    await expect(reader.callTool({ name: "no_such_tool", arguments: {} })).rejects.toMatchObject({ code: -32602 });

    const chatter = await connect((await tokenFor(ada, ["chat"])).token);
    expect(errorOf(await chatter.callTool({ name: "search_knowledge", arguments: { query: "deploys" } }))).toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    expect(errorOf(await chatter.callTool({ name: "ask_assistant", arguments: { question: "hi", knowledge: true } }))).toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    await expect(chatter.listResources()).rejects.toMatchObject({ data: { error: { code: "INSUFFICIENT_SCOPE" } } });
  });

  it("refuses every tool to a token without the tool's scope, before looking at its arguments", async () => {
    for (const tool of MCP_TOOLS) {
      const client = await connect((await tokenFor(ada, API_SCOPES.filter((s) => s !== tool.scope && s !== "admin"))).token);
      expect(errorOf(await client.callTool({ name: tool.name, arguments: {} })), tool.name).toMatchObject({ code: "INSUFFICIENT_SCOPE" });
      await client.close();
    }
  });

  it("asks the team's assistant with the caller's knowledge and records the turn as MCP", async () => {
    const client = await connect((await tokenFor(ada, ["chat", "knowledge:read"])).token);
    fake.reply({ kind: "stream", chunks: ["On Tuesdays ", "[1]."], usage: { input: 40, output: 5 } });
    const before = chatCalls;
    const result = (await client.callTool({ name: "ask_assistant", arguments: { question: "When do production deploys happen?", roomId: adaRoom } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const answer = result.structuredContent as { answer: string; model: string; citations: { documentName: string }[]; usage: unknown };
    expect(answer).toMatchObject({ answer: "On Tuesdays [1].", model: "openai-compatible:fake-main", usage: { inputTokens: 40, outputTokens: 5 } });
    expect(answer.citations.map((c) => c.documentName)).toContain("deploys.md");
    expect((result.content[0] as { text: string }).text).toMatch(/^On Tuesdays \[1\]\.\n\nSources:\n\[1\] /);
    expect(chatCalls).toBe(before + 1);
    const sent = fake.chatRequests().at(-1)!.body as { model: string; messages: { role: string; content: string }[] };
    expect(sent.model).toBe("fake-main");
    expect(sent.messages[0]!.content).toContain("Retrieved passages");
    const turn = await t.db.usageEvent.findFirstOrThrow({ where: { type: "chat.turn", userId: ada.id }, orderBy: { createdAt: "desc" } });
    expect(turn).toMatchObject({ model: "openai-compatible:fake-main", roomId: adaRoom });
    expect(JSON.parse(turn.data)).toMatchObject({ via: "mcp", conversationId: null, inputTokens: 40, outputTokens: 5, error: null });
  });

  it("answers without knowledge for a chat-only token, and reports a model failure as a tool error", async () => {
    const client = await connect((await tokenFor(ada, ["chat"])).token);
    fake.reply({ kind: "stream", chunks: ["Hello."] });
    const result = (await client.callTool({ name: "ask_assistant", arguments: { question: "Say hello", model: "openai-compatible:fake-main" } })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ answer: "Hello.", citations: [] });
    const sent = fake.chatRequests().at(-1)!.body as { messages: { role: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(["user"]);

    expect(errorOf(await client.callTool({ name: "ask_assistant", arguments: { question: "hi", model: "nope:model" } }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(errorOf(await client.callTool({ name: "ask_assistant", arguments: { question: "hi", roomId: bobRoom } }))).toMatchObject({ code: "NOT_FOUND" });
    // The first attempt and its one retry (AI_MAX_RETRIES=1 in the test settings).
    fake.reply({ kind: "status", status: 500 }, { kind: "status", status: 500 });
    const failed = errorOf(await client.callTool({ name: "ask_assistant", arguments: { question: "hi" } }));
    expect(failed.code).toBe("AI_PROVIDER_FAILED");
    expect(failed.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it("stops the model when the client hangs up", async () => {
    const client = await connect((await tokenFor(ada, ["chat"])).token);
    fake.reply({ kind: "hang", chunks: ["Thinking"] });
    const asked = fake.chatRequests().length;
    const call = client.callTool({ name: "ask_assistant", arguments: { question: "Take your time" } }).catch(() => "hung up");
    await expect.poll(() => fake.chatRequests().length).toBe(asked + 1);
    await client.close();
    expect(await call).toBe("hung up");
    await expect.poll(() => fake.chatRequests().at(-1)!.closedEarly).toBe(true);
  });

  it("lists the caller's ready documents as resources and reads their text", async () => {
    const client = await connect((await tokenFor(ada, ["knowledge:read"])).token);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.name).sort()).toEqual(["deploys.md", "oncall.md"]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toEqual(["eca://documents/{id}"]);

    const deploys = resources.find((r) => r.name === "deploys.md")!;
    expect(deploys.uri).toMatch(/^eca:\/\/documents\/\w+$/);
    const read = await client.readResource({ uri: deploys.uri });
    expect(read.contents[0]).toMatchObject({ uri: deploys.uri, mimeType: "text/plain" });
    expect((read.contents[0] as { text: string }).text).toContain("Production deploys happen every Tuesday");

    const bobs = await t.db.knowledgeDocument.findFirstOrThrow({ where: { name: "secret.md" } });
    await expect(client.readResource({ uri: `eca://documents/${bobs.id}` })).rejects.toMatchObject({ code: -32002, data: { error: { code: "NOT_FOUND" } } });
    await expect(client.readResource({ uri: "https://example.com/x" })).rejects.toMatchObject({ code: -32002 });
    await expect(client.listResources({ cursor: "not a cursor!" })).rejects.toMatchObject({ code: -32602, data: { error: { code: "VALIDATION_FAILED" } } });
  });

  it("refuses requests without a working API token with 401 and a bearer challenge", async () => {
    const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } } };
    const post = (headers: Record<string, string>, body: unknown = initialize) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: JSON.stringify(body) });

    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe(MCP_AUTH_CHALLENGE);
    expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });

    await expect(connect(`eca_${"x".repeat(43)}`)).rejects.toMatchObject({ code: 401 });

    const { token, summary } = await tokenFor(ada, ["knowledge:read"]);
    expect((await post({ authorization: `Bearer ${token}` })).status).toBe(200);
    await revokeApiToken(t.db, ada, summary.id);
    const revoked = await post({ authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "TOKEN_REVOKED" } });

    const expiring = await tokenFor(ada, ["knowledge:read"]);
    await t.db.apiToken.update({ where: { id: expiring.summary.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await (await post({ authorization: `Bearer ${expiring.token}` })).json()).toMatchObject({ error: { code: "TOKEN_EXPIRED" } });
    const carol = toSessionUser(await t.db.user.create({ data: { name: "carol", email: `carol-${crypto.randomUUID()}@example.com` } }));
    const carols = await tokenFor(carol, ["knowledge:read"]);
    await t.db.user.update({ where: { id: carol.id }, data: { disabled: true } });
    const disabled = await post({ authorization: `Bearer ${carols.token}` });
    expect(disabled.status).toBe(401);
    expect(await disabled.json()).toMatchObject({ error: { code: "TOKEN_REVOKED" } });

    const big = await post({ authorization: `Bearer ${(await tokenFor(ada, ["knowledge:read"])).token}` }, { ...initialize, padding: "x".repeat(MCP_TEST_MAX_BODY_BYTES) });
    expect(big.status).toBe(413);
  });
});
