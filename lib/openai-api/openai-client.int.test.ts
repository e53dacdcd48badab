import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAiRuntime, type AiRuntime } from "../ai/runtime";
import { testConfig } from "../ai/testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "../ai/testing/fake-providers";
import { createApiToken } from "../auth/api-tokens";
import { resolvePrincipal } from "../auth/principal";
import { toSessionUser } from "../auth/users";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { createKnowledgeHarness, type KnowledgeHarness } from "../knowledge/test-support";
import { createKnowledgePassageSource } from "../knowledge/search/passages";
import { logger } from "../observability/logger";
import { createChatCompletion } from "./completions";
import { openAiErrorBody } from "./errors";
import { listOpenAiModels } from "./models";

/**
 * The official `openai` client against the /v1 handlers, served by a small HTTP server doing what
 * the Next routes do (principal from the bearer token, OpenAI-shaped errors), over a fake provider
 * that speaks the OpenAI wire protocol.
 */
async function serve(handle: (req: Request) => Promise<Response>): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      signal: aborted.signal,
    });
    let response: Response;
    try {
      response = await handle(request);
    } catch (err) {
      const { status, body } = openAiErrorBody(err);
      response = Response.json(body, { status });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    const reader = response.body?.getReader();
    for (let step = await reader?.read(); step && !step.done; step = await reader?.read()) res.write(step.value);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

describe.each(testProviders())("/v1 through the openai client on %s", (provider) => {
  let t: TestDatabase;
  let fake: FakeProviderServer;
  let ai: AiRuntime;
  let knowledge: KnowledgeHarness;
  let server: Server;
  let client: OpenAI;
  let userId: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    fake = await startFakeProvider("openai");
    fake.listing = ["fake-main", "fake-backup"];
    ai = createAiRuntime(
      testConfig({ OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, OPENAI_COMPATIBLE_MODELS: "fake-main,fake-backup", AI_FALLBACK_MODELS: "openai-compatible:fake-backup" }),
    );
    knowledge = createKnowledgeHarness(t.db);
    const user = toSessionUser(await t.db.user.create({ data: { name: "Api", email: `api-${crypto.randomUUID()}@example.com` } }));
    userId = user.id;
    const passages = createKnowledgePassageSource(t.db, { usage: knowledge.deps.usage! });
    const deps = { db: t.db, ai, passages, log: logger };
    const started = await serve(async (req) => {
      const principal = await resolvePrincipal(req.headers, { db: t.db, sessionUser: async () => null });
      const path = new URL(req.url).pathname;
      if (req.method === "GET" && path === "/v1/models") return Response.json(await listOpenAiModels(ai, principal));
      if (req.method === "POST" && path === "/v1/chat/completions") return createChatCompletion(deps, principal, await req.json(), req.signal);
      return new Response(null, { status: 404 });
    });
    server = started.server;
    const { token } = await createApiToken(t.db, user, { name: "client", scopes: ["chat", "knowledge:read"], expiresInDays: 1 });
    client = new OpenAI({ apiKey: token, baseURL: started.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
    knowledge.dispose();
    await t.dispose();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  const apiTurns = async () =>
    (await t.db.usageEvent.findMany({ where: { type: "chat.turn", userId }, orderBy: { createdAt: "asc" } })).map((e) => ({ model: e.model, data: JSON.parse(e.data) }));

  it("lists the team's models", async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["openai-compatible:fake-main", "openai-compatible:fake-backup"]);
  });

  it("answers without streaming and records the turn in analytics", async () => {
    fake.reply({ kind: "stream", chunks: ["Hello ", "there."], usage: { input: 11, output: 4 } });
    const before = (await apiTurns()).length;
    const completion = await client.chat.completions.create({
      model: "openai-compatible:fake-main",
      messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Greet me" }],
      max_tokens: 50,
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]!.message.content).toBe("Hello there.");
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 });
    const sent = fake.chatRequests()[0]!.body as { model: string; messages: { role: string }[]; max_tokens: number };
    expect(sent.model).toBe("fake-main");
    expect(sent.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(sent.max_tokens).toBe(50);
    const turns = await apiTurns();
    expect(turns).toHaveLength(before + 1);
    expect(turns.at(-1)).toMatchObject({ model: "openai-compatible:fake-main", data: { via: "api", conversationId: null, inputTokens: 11, outputTokens: 4, error: null } });
  });

  it("streams OpenAI chunks with usage at the end", async () => {
    fake.reply({ kind: "stream", chunks: ["One ", "two ", "three"], usage: { input: 5, output: 3 } });
    const stream = await client.chat.completions.create({
      model: "openai-compatible:fake-main",
      messages: [{ role: "user", content: "Count" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("One two three");
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 3 } });
  });

  it("falls back to the next model when the first fails", async () => {
    fake.replyFor = (body) =>
      (body as { model: string }).model === "fake-main"
        ? { kind: "status", status: 500, message: "main is down" }
        : { kind: "stream", chunks: ["From backup."], usage: { input: 2, output: 2 } };
    const completion = await client.chat.completions
      .create({ model: "openai-compatible:fake-main", messages: [{ role: "user", content: "Anyone there?" }] })
      .finally(() => (fake.replyFor = undefined));
    expect(completion.choices[0]!.message.content).toBe("From backup.");
    expect(completion.model).toBe("openai-compatible:fake-backup");
    expect(fake.chatRequests().map((r) => (r.body as { model: string }).model).at(-1)).toBe("fake-backup");
    expect((await apiTurns()).at(-1)).toMatchObject({ model: "openai-compatible:fake-backup", data: { error: null } });
  });

  it("adds the caller's knowledge with the :knowledge suffix and returns citations", async () => {
    await knowledge.ingest(userId, "deploys.md", "# Deploys\n\nProduction deploys happen every Tuesday at 10:00 after the release review.\n");
    fake.reply({ kind: "stream", chunks: ["On Tuesdays [1]."] });
    const completion = (await client.chat.completions.create({
      model: "openai-compatible:fake-main:knowledge",
      messages: [{ role: "user", content: "When do production deploys happen?" }],
    })) as OpenAI.ChatCompletion & { citations?: { citation: number; documentName: string; text: string }[] };
    expect(completion.citations?.[0]).toMatchObject({ citation: 1, documentName: "deploys.md" });
    expect(completion.citations?.[0]?.text).toContain("every Tuesday");
    const system = (fake.chatRequests()[0]!.body as { messages: { role: string; content: string }[] }).messages[0]!;
    expect(system.role).toBe("system");
    expect(system.content).toContain("Retrieved passages");

    fake.reply({ kind: "stream", chunks: ["Tuesdays."] });
    const stream = await client.chat.completions.create({
      model: "openai-compatible:fake-main",
      messages: [{ role: "user", content: "When do production deploys happen?" }],
      stream: true,
      knowledge: true,
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk as typeof chunk & { citations?: unknown[] });
    expect(chunks.find((c) => c.choices[0]?.finish_reason === "stop")?.citations).toHaveLength(1);
  });

  it("passes tools through and returns the model's tool calls, whole and streamed", async () => {
    const model = "openai-compatible:fake-main";
    const question = { role: "user" as const, content: "Weather in Oslo?" };
    const parameters = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
    const tools = [{ type: "function" as const, function: { name: "get_weather", description: "Weather for a city", parameters } }];
    fake.reply({ kind: "tools", calls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' }], usage: { input: 9, output: 6 } });
    const completion = await client.chat.completions.create({ model, messages: [question], tools, tool_choice: "auto" });
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(completion.choices[0]!.message.tool_calls).toEqual([{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }]);
    const asked = fake.chatRequests()[0]!.body as { tools: { function: { name: string; parameters: unknown } }[]; tool_choice: unknown };
    expect(asked.tools[0]!.function).toMatchObject({ name: "get_weather", parameters });
    expect(asked.tool_choice).toBe("auto");

    // The caller runs the tool and sends its result back.
    fake.reply({ kind: "stream", chunks: ["It is sunny ", "in Oslo."] });
    const answer = await client.chat.completions.create({
      model,
      tools,
      messages: [question, completion.choices[0]!.message, { role: "tool", tool_call_id: "call_1", content: "sunny, 21 °C" }],
    });
    expect(answer.choices[0]!.message.content).toBe("It is sunny in Oslo.");
    const history = (fake.chatRequests()[1]!.body as { messages: { role: string; tool_calls?: { id: string }[]; tool_call_id?: string; content: unknown }[] }).messages;
    expect(history.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(history[1]!.tool_calls?.[0]?.id).toBe("call_1");
    expect(history[2]).toMatchObject({ tool_call_id: "call_1", content: "sunny, 21 °C" });

    fake.reply({ kind: "tools", calls: [{ id: "call_2", name: "get_weather", arguments: '{"city":"Bergen"}' }] });
    const stream = await client.chat.completions.create({ model, messages: [question], tools, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls).toEqual([{ index: 0, id: "call_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Bergen"}' } }]);
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("answers failures in OpenAI's error shape and status", async () => {
    const stranger = new OpenAI({ apiKey: `eca_${"x".repeat(43)}`, baseURL: client.baseURL, maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
    await expect(client.chat.completions.create({ model: "nope:model", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({
      status: 404,
      type: "not_found_error",
    });
    await expect(client.chat.completions.create({ model: "openai-compatible:fake-main", messages: [] })).rejects.toMatchObject({ status: 400 });
    fake.reply({ kind: "status", status: 500 }, { kind: "status", status: 500 }, { kind: "status", status: 500 }, { kind: "status", status: 500 });
    await expect(client.chat.completions.create({ model: "openai-compatible:fake-main", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({
      status: 502,
      code: "ai_provider_failed",
    });
    expect((await apiTurns()).at(-1)).toMatchObject({ data: { error: "AI_PROVIDER_FAILED" } });
  });
});
