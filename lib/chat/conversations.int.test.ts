import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { createConversation, deleteConversation, listConversations, renameConversation, roomConversation } from "./conversations";
import { setFeedback } from "./feedback";
import { loadMessages, prepareTurn, saveAssistantMessage } from "./messages";
import { getChatSettings, pickDefaultModel, saveChatSettings } from "./settings";
import { createTestUser } from "./testing";

describe.each(testProviders())("chat persistence on %s", (provider) => {
  let t: TestDatabase;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    alice = await createTestUser(t.db, "Alice");
    bob = await createTestUser(t.db, "Bob");
  });
  afterAll(() => t.dispose());

  async function say(userId: string, conversationId: string, text: string) {
    return prepareTurn(t.db, userId, conversationId, { kind: "submit", messageId: crypto.randomUUID(), text });
  }

  async function answer(conversationId: string, content: string, extra: { error?: string | null } = {}) {
    const id = crypto.randomUUID();
    await saveAssistantMessage(t.db, {
      id,
      conversationId,
      content,
      model: "openai:gpt-5-mini",
      inputTokens: 10,
      outputTokens: 5,
      ttftMs: 12,
      totalMs: 40,
      costUsd: 0.0001,
      error: extra.error ?? null,
      citations: [{ citation: 1, passageId: "p1" }],
    });
    return id;
  }

  it("titles a conversation from its first message and keeps the title after that", async () => {
    const c = await createConversation(t.db, alice);
    expect(c.title).toBe("New chat");
    await say(alice, c.id, "How do I debounce a **React** input handler in TypeScript without lodash?");
    await say(alice, c.id, "Something else entirely");
    const [listed] = (await listConversations(t.db, alice, { limit: 50 })).items.filter((i) => i.id === c.id);
    expect(listed?.title).toBe("How do I debounce a React input handler…");
  });

  it("lists newest first a page at a time and never shows another user's chats", async () => {
    const user = await createTestUser(t.db, "Pager");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await createConversation(t.db, user, { title: `Chat ${i}` });
      await t.db.conversation.update({ where: { id: c.id }, data: { updatedAt: new Date(Date.UTC(2026, 0, 1 + i)) } });
      ids.push(c.id);
    }
    await createConversation(t.db, bob, { title: "Bob's" });
    await roomConversation(t.db, user, await roomFor(user));
    const first = await listConversations(t.db, user, { limit: 2 });
    expect(first.items.map((c) => c.title)).toEqual(["Chat 4", "Chat 3"]);
    const second = await listConversations(t.db, user, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.title)).toEqual(["Chat 2", "Chat 1"]);
    const third = await listConversations(t.db, user, { limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((c) => c.title)).toEqual(["Chat 0"]);
    expect(third.nextCursor).toBeNull();
  });

  async function roomFor(userId: string) {
    const room = await t.db.room.create({ data: { name: "R", members: { create: { userId, role: "owner" } } } });
    return room.id;
  }

  it("searches titles and message content ignoring case, with LIKE wildcards taken literally", async () => {
    const user = await createTestUser(t.db, "Searcher");
    const byTitle = await createConversation(t.db, user, { title: "Kubernetes Deploys" });
    const byContent = await createConversation(t.db, user, { title: "Other" });
    await say(user, byContent.id, "why does my KUBERNETES pod restart? 100% cpu");
    const unrelated = await createConversation(t.db, user, { title: "Cooking" });
    await say(bob, (await createConversation(t.db, bob, { title: "kubernetes for bob" })).id, "kubernetes");

    const hits = await listConversations(t.db, user, { q: "kubernetes" });
    expect(hits.items.map((c) => c.id).sort()).toEqual([byTitle.id, byContent.id].sort());
    expect((await listConversations(t.db, user, { q: "100%" })).items.map((c) => c.id)).toEqual([byContent.id]);
    expect((await listConversations(t.db, user, { q: "0_%" })).items).toEqual([]);
    expect((await listConversations(t.db, user, { q: "cook" })).items.map((c) => c.id)).toEqual([unrelated.id]);
  });

  it("refuses to read, rename, delete, continue or rate another user's conversation with NOT_FOUND", async () => {
    const c = await createConversation(t.db, alice, { title: "Private" });
    await say(alice, c.id, "secret");
    const answerId = await answer(c.id, "secret answer");
    const notFound = { code: "NOT_FOUND" };
    await expect(loadMessages(t.db, bob, c.id)).rejects.toMatchObject(notFound);
    await expect(renameConversation(t.db, bob, c.id, "Mine now")).rejects.toMatchObject(notFound);
    await expect(deleteConversation(t.db, bob, c.id)).rejects.toMatchObject(notFound);
    await expect(say(bob, c.id, "hi")).rejects.toMatchObject(notFound);
    await expect(setFeedback(t.db, bob, { messageId: answerId, rating: 1 })).rejects.toMatchObject(notFound);
    expect((await loadMessages(t.db, alice, c.id)).map((m) => m.content)).toEqual(["secret", "secret answer"]);
  });

  it("renames with validation and deletes with the messages", async () => {
    const c = await createConversation(t.db, alice);
    await say(alice, c.id, "hello");
    await expect(renameConversation(t.db, alice, c.id, "   ")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(renameConversation(t.db, alice, c.id, "half \ud800 emoji")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await renameConversation(t.db, alice, c.id, "  Renamed  ")).title).toBe("Renamed");
    await deleteConversation(t.db, alice, c.id);
    await expect(loadMessages(t.db, alice, c.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.chatMessage.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it("stores a stopped partial answer, and regenerating or editing replaces the answers after the last question", async () => {
    const c = await createConversation(t.db, alice);
    await say(alice, c.id, "first");
    await answer(c.id, "first answer");
    const second = await say(alice, c.id, "second");
    expect(second.history).toEqual([
      { role: "user", content: "first" },
      { role: "assistant", content: "first answer" },
    ]);
    await answer(c.id, "half an ans", { error: "STOPPED" });
    const stored = await loadMessages(t.db, alice, c.id);
    expect(stored.at(-1)).toMatchObject({ content: "half an ans", error: "STOPPED", model: "openai:gpt-5-mini", citations: [{ citation: 1, passageId: "p1" }] });

    const again = await prepareTurn(t.db, alice, c.id, { kind: "regenerate" });
    expect(again.question).toBe("second");
    expect((await loadMessages(t.db, alice, c.id)).map((m) => m.content)).toEqual(["first", "first answer", "second"]);
    await answer(c.id, "second answer");

    const edited = await prepareTurn(t.db, alice, c.id, { kind: "submit", messageId: second.userMessageId, text: "second, edited" });
    expect(edited.userMessageId).toBe(second.userMessageId);
    expect((await loadMessages(t.db, alice, c.id)).map((m) => m.content)).toEqual(["first", "first answer", "second, edited"]);
    const firstId = (await loadMessages(t.db, alice, c.id))[0]!.id;
    await expect(prepareTurn(t.db, alice, c.id, { kind: "submit", messageId: firstId, text: "rewrite history" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("records feedback on the user's own answers, replacing an earlier rating, with a usage event", async () => {
    const c = await createConversation(t.db, alice);
    await say(alice, c.id, "q");
    const id = await answer(c.id, "a");
    await setFeedback(t.db, alice, { messageId: id, rating: 1 });
    await setFeedback(t.db, alice, { messageId: id, rating: -1, comment: "  wrong import  " });
    expect((await loadMessages(t.db, alice, c.id)).at(-1)?.feedback).toEqual({ rating: -1, comment: "wrong import" });
    const events = await t.db.usageEvent.findMany({ where: { type: "chat.feedback", userId: alice } });
    expect(events.map((e) => JSON.parse(e.data))).toContainEqual({ messageId: id, rating: -1, comment: "wrong import" });
    await expect(setFeedback(t.db, alice, { messageId: id, rating: 2 })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("stores validated chat settings with an audit entry and picks the default model", async () => {
    expect(await getChatSettings(t.db)).toEqual({ defaultModel: null, fallbackOrder: [] });
    await expect(saveChatSettings(t.db, alice, { defaultModel: "nope", fallbackOrder: [] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(
      saveChatSettings(t.db, alice, { defaultModel: null, fallbackOrder: ["ollama:a", "ollama:a"] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await saveChatSettings(t.db, alice, { defaultModel: "ollama:llama3.1:8b", fallbackOrder: ["openai:gpt-5-mini"] });
    const settings = await getChatSettings(t.db);
    expect(settings).toEqual({ defaultModel: "ollama:llama3.1:8b", fallbackOrder: ["openai:gpt-5-mini"] });
    const audit = await t.db.auditLog.findFirst({ where: { action: "chat.settings_changed" } });
    expect(audit?.actorId).toBe(alice);

    const model = (ref: string) => ({ ref: ref as `ollama:${string}`, provider: "ollama" as const, modelId: ref, label: ref });
    expect(pickDefaultModel(settings, [model("ollama:x"), model("ollama:llama3.1:8b")])).toBe("ollama:llama3.1:8b");
    expect(pickDefaultModel(settings, [model("ollama:only")])).toBe("ollama:only");
    expect(pickDefaultModel(settings, [])).toBeNull();
  });
});
