import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { createConversation } from "./conversations";
import { setFeedback } from "./feedback";
import { prepareTurn, saveAssistantMessage } from "./messages";
import { createTestUser } from "./testing";

describe.each(testProviders())("chat webhook events on %s", (provider) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    await t.db.webhookEndpoint.create({ data: { url: "http://93.184.216.34/", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", events: "chat.feedback" } });
  });
  afterAll(() => t.dispose());

  it("queues chat.feedback for each saved rating, and nothing for a refused one", async () => {
    const user = await createTestUser(t.db, "Rater");
    const c = await createConversation(t.db, user);
    await prepareTurn(t.db, user, c.id, { kind: "submit", messageId: crypto.randomUUID(), text: "q" });
    const id = crypto.randomUUID();
    await saveAssistantMessage(t.db, {
      id, conversationId: c.id, content: "a", model: "openai:m", inputTokens: 1, outputTokens: 1, ttftMs: 1, totalMs: 2, costUsd: 0, error: null, citations: [],
    });
    await setFeedback(t.db, user, { messageId: id, rating: 1 });
    await setFeedback(t.db, user, { messageId: id, rating: -1, comment: "wrong" });
    const other = await createTestUser(t.db, "Other");
    await expect(setFeedback(t.db, other, { messageId: id, rating: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const queued = (await t.db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" } })).map((d) => (JSON.parse(d.payload) as { data: unknown }).data);
    expect(queued).toEqual([
      { messageId: id, userId: user, roomId: null, model: "openai:m", rating: 1, comment: null },
      { messageId: id, userId: user, roomId: null, model: "openai:m", rating: -1, comment: "wrong" },
    ]);
  });
});
