import { readUIMessageStream, type UIMessageChunk } from "ai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAiRuntime, type AiRuntime } from "../ai/runtime";
import { testConfig } from "../ai/testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "../ai/testing/fake-providers";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { logger } from "../observability/logger";
import { createConversation } from "./conversations";
import { loadMessages } from "./messages";
import { writeModelTitle } from "./model-title";
import type { PassageSource } from "./passage-source";
import { createTestUser } from "./testing";
import { startChatTurn } from "./turn";
import type { ChatUIMessage } from "./ui-message";

const noPassages: PassageSource = { retrieve: async () => [] };
const passages: PassageSource = {
  retrieve: async () => [{ id: "passage-7", citation: 1, text: "Deploys run `make ship` from main.", source: { documentName: "ops.md", lineStart: 3, lineEnd: 4 }, matchedTerms: ["deploy"] }],
};

async function readAll(stream: ReadableStream<UIMessageChunk>, onChunk?: (chunk: UIMessageChunk) => void) {
  const [forChunks, forMessage] = stream.tee();
  const chunks: UIMessageChunk[] = [];
  const collecting = (async () => {
    const reader = forChunks.getReader();
    for (let step = await reader.read(); !step.done; step = await reader.read()) {
      chunks.push(step.value);
      onChunk?.(step.value);
    }
  })();
  let message: ChatUIMessage | undefined;
  for await (const snapshot of readUIMessageStream<ChatUIMessage>({ stream: forMessage as ReadableStream<never> })) message = snapshot;
  await collecting;
  const text = message?.parts.map((p) => (p.type === "text" ? p.text : "")).join("") ?? "";
  return { chunks, message, text };
}

describe.each(testProviders())("a chat turn through the real SDK clients on %s", (provider) => {
  let t: TestDatabase;
  let userId: string;
  let fake: FakeProviderServer;
  let ai: AiRuntime;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    userId = await createTestUser(t.db, "Turner");
  });
  afterAll(() => t.dispose());
  beforeEach(async () => {
    fake = await startFakeProvider("openai");
    ai = createAiRuntime(
      testConfig({ OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, OPENAI_COMPATIBLE_MODELS: "main,backup", AI_FALLBACK_MODELS: "openai-compatible:backup" }),
    );
  });
  afterEach(() => fake.close());

  async function turn(
    text: string,
    options: {
      source?: PassageSource;
      runtime?: AiRuntime;
      signal?: AbortSignal;
      conversationId?: string;
      messageId?: string;
      onChunk?: (chunk: UIMessageChunk) => void;
    } = {},
  ) {
    const conversationId = options.conversationId ?? (await createConversation(t.db, userId)).id;
    const stream = await startChatTurn(
      { db: t.db, ai: options.runtime ?? ai, passages: options.source ?? noPassages, log: logger },
      {
        userId,
        conversationId,
        trigger: { kind: "submit", messageId: options.messageId ?? crypto.randomUUID(), text },
        model: "openai-compatible:main",
        editor: undefined,
        roomId: null,
        signal: options.signal ?? new AbortController().signal,
      },
    );
    return { conversationId, ...(await readAll(stream, options.onChunk)) };
  }

  it("streams the answer with its model and citations, and stores both messages, cost and a usage event", async () => {
    fake.reply({ kind: "stream", chunks: ["Run ", "`make ship` ", "[1]."], usage: { input: 40, output: 6 } });
    const result = await turn("How do we deploy?", { source: passages });
    expect(result.text).toBe("Run `make ship` [1].");
    expect(result.message?.metadata).toMatchObject({ model: "openai-compatible:main", citations: [{ citation: 1, passageId: "passage-7" }] });
    const prompt = JSON.stringify(fake.chatRequests()[0]!.body);
    expect(prompt).toContain("Deploys run `make ship` from main.");

    const stored = await loadMessages(t.db, userId, result.conversationId);
    expect(stored.map((m) => [m.role, m.content])).toEqual([
      ["user", "How do we deploy?"],
      ["assistant", "Run `make ship` [1]."],
    ]);
    // Stored with where the passage comes from and the question's words it holds, for chips and highlighting.
    const cited = { citation: 1, passageId: "passage-7", documentName: "ops.md", lineStart: 3, lineEnd: 4, terms: ["deploy"] };
    expect(stored[1]).toMatchObject({ id: result.message!.id, model: "openai-compatible:main", error: null, citations: [cited] });
    const row = await t.db.chatMessage.findUniqueOrThrow({ where: { id: result.message!.id } });
    expect(row).toMatchObject({ inputTokens: 40, outputTokens: 6 });
    expect(row.ttftMs).toBeGreaterThanOrEqual(0);
    const event = await t.db.usageEvent.findFirstOrThrow({ where: { type: "chat.turn", data: { contains: result.conversationId } } });
    expect(JSON.parse(event.data)).toMatchObject({ conversationId: result.conversationId, inputTokens: 40, outputTokens: 6, error: null });
    expect(event.model).toBe("openai-compatible:main");
  });

  it("continues from the fallback model when the provider breaks mid-stream", async () => {
    fake.reply({ kind: "break", chunks: ["The answer ", "is "] }, { kind: "stream", chunks: ["forty-two."] });
    const result = await turn("What is the answer?");
    expect(result.text).toBe("The answer is forty-two.");
    expect(result.message?.metadata?.model).toBe("openai-compatible:backup");
    expect((fake.chatRequests()[1]!.body as { model: string }).model).toBe("backup");
    expect(result.chunks.some((c) => c.type === "error")).toBe(false);
  });

  it("ends with exactly one error chunk when every model fails, and stores the failure", async () => {
    fake.fallbackReply = { kind: "status", status: 500 };
    const result = await turn("Anyone there?");
    const errors = result.chunks.filter((c) => c.type === "error");
    expect(errors).toHaveLength(1);
    expect(JSON.parse((errors[0] as { errorText: string }).errorText)).toMatchObject({ code: "AI_PROVIDER_FAILED" });
    const stored = await loadMessages(t.db, userId, result.conversationId);
    expect(stored.at(-1)).toMatchObject({ role: "assistant", error: "AI_PROVIDER_FAILED" });
  });

  it("keeps the partial answer when the user stops", async () => {
    fake.reply({ kind: "stream", chunks: ["one ", "two ", "three ", "four ", "five"], chunkDelayMs: 150 });
    const controller = new AbortController();
    // Stop once the first words are in, as a person would: a timer raced the turn's setup on a loaded machine.
    const stopAfterFirstWords = (chunk: UIMessageChunk) => {
      if (chunk.type === "text-delta") controller.abort();
    };
    const result = await turn("Count slowly", { signal: controller.signal, onChunk: stopAfterFirstWords });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.text).not.toContain("five");
    const stored = await loadMessages(t.db, userId, result.conversationId);
    expect(stored.at(-1)).toMatchObject({ role: "assistant", error: "STOPPED" });
    expect(stored.at(-1)!.content).toBe(result.text);
  });

  it("without a provider, answers with search results or says which variables to set", async () => {
    const none = createAiRuntime(testConfig({}));
    const found = await turn("How do we deploy?", { runtime: none, source: passages });
    expect(found.text).toContain("Search results");
    expect(found.text).toContain("ops.md, lines 3–4");
    expect(found.message?.metadata).toMatchObject({ searchResults: true, citations: [{ citation: 1, passageId: "passage-7" }] });

    const nothing = await turn("How do we deploy?", { runtime: none });
    const error = nothing.chunks.find((c) => c.type === "error") as { errorText: string };
    const failure = JSON.parse(error.errorText) as { code: string; message: string };
    expect(failure.code).toBe("AI_NOT_CONFIGURED");
    expect(failure.message).toContain("OPENAI_COMPATIBLE_BASE_URL");
  });

  it("titles a new chat from its first message, then with the model's words in the background", async () => {
    fake.reply({ kind: "stream", chunks: ["Run ", "`make ship`."] }, { kind: "stream", chunks: ['"Deploying with ', 'make_ship."'] });
    const result = await turn("How do we deploy with `make_ship` today?");
    expect(result.text).toBe("Run `make ship`.");
    const titleOf = async () => (await t.db.conversation.findUniqueOrThrow({ where: { id: result.conversationId } })).title;
    await vi.waitFor(async () => expect(await titleOf()).toBe("Deploying with make_ship"));
    const asked = JSON.stringify(fake.chatRequests()[1]!.body);
    expect(asked).toContain("Write a title");
    expect(asked).toContain("How do we deploy with `make_ship` today?");
  });

  it("keeps the title when the user renamed the chat meanwhile or the model fails", async () => {
    const request = { firstTitle: "First words", question: "q", answer: "a", model: "openai-compatible:main" as const };
    const renamed = await createConversation(t.db, userId, { title: "Mine now" });
    fake.reply({ kind: "stream", chunks: ["Model title"] });
    expect(await writeModelTitle({ db: t.db, ai }, { ...request, conversationId: renamed.id })).toBeNull();
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id: renamed.id } })).title).toBe("Mine now");

    fake.fallbackReply = { kind: "status", status: 500 };
    const failed = await createConversation(t.db, userId, { title: "First words" });
    expect(await writeModelTitle({ db: t.db, ai }, { ...request, conversationId: failed.id })).toBeNull();
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id: failed.id } })).title).toBe("First words");
  });

  it("refuses another user's conversation before streaming anything", async () => {
    const other = await createTestUser(t.db, "Other");
    const theirs = await createConversation(t.db, other);
    await expect(turn("let me in", { conversationId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it("refuses a message id that another conversation holds with CONFLICT, storing nothing", async () => {
    const messageId = crypto.randomUUID();
    await turn("first", { messageId });
    const other = await createConversation(t.db, userId);
    await expect(turn("same id again", { conversationId: other.id, messageId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await loadMessages(t.db, userId, other.id)).toEqual([]);
  });

  it("keeps a message too long for the model's window and says so before streaming", async () => {
    const conversationId = (await createConversation(t.db, userId)).id;
    const long = "word ".repeat(6_000);
    await expect(turn(long, { conversationId })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await loadMessages(t.db, userId, conversationId)).map((m) => [m.role, m.content])).toEqual([["user", long]]);
    expect(fake.chatRequests()).toHaveLength(0);
  });
});
