import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackSeries, latestFeedbackComments } from "../analytics/queries/chat";
import { topUsers } from "../analytics/queries/top";
import { runRollup } from "../analytics/rollup";
import { recordUsageEvents, usageEvent } from "../analytics/usage-events";
import { loadMigrations } from "../db/migrate";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { createConversation } from "./conversations";
import { setFeedback } from "./feedback";
import { loadMessages, prepareTurn, saveAssistantMessage } from "./messages";
import { createTestUser } from "./testing";

const HOUR = 3_600_000;

describe.each(testProviders())("one rating per answer on %s", (provider) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(() => t.dispose());

  /** A new user's answer from a model of its own, so each test's counts stand alone. */
  async function newAnswer(name: string): Promise<{ user: string; model: string; id: string }> {
    const user = await createTestUser(t.db, name);
    const model = `openai:${name.toLowerCase()}`;
    const c = await createConversation(t.db, user);
    await prepareTurn(t.db, user, c.id, { kind: "submit", messageId: crypto.randomUUID(), text: "q" });
    const id = crypto.randomUUID();
    await saveAssistantMessage(t.db, {
      id, conversationId: c.id, content: "a", model, inputTokens: 1, outputTokens: 1, ttftMs: 1, totalMs: 2, costUsd: 0, error: null, citations: [],
    });
    return { user, model, id };
  }

  /** Up and down over a window, from the rollup and from the raw events (both must agree). */
  async function counts(a: { user: string; model: string }, from: Date, to: Date, period: "h" | "d" = "h") {
    await runRollup(t.db);
    const filter = { from, to, period, userId: a.user };
    const total = (points: { up: number; down: number }[]) => ({
      up: points.reduce((s, p) => s + p.up, 0),
      down: points.reduce((s, p) => s + p.down, 0),
      buckets: points.length,
    });
    const rollup = total(await feedbackSeries(t.db, filter));
    expect(total(await feedbackSeries(t.db, filter, "raw"))).toEqual(rollup);
    expect(total(await feedbackSeries(t.db, { from, to, period, model: a.model }))).toEqual(rollup);
    return rollup;
  }

  const comments = async (a: { user: string }, from: Date, to: Date) =>
    (await latestFeedbackComments(t.db, { from, to, period: "h", userId: a.user })).map((c) => [c.rating, c.comment]);

  it("counts down, comment, up as one thumbs-up, with the comment cleared and then kept", async () => {
    const from = new Date(Date.now() - 2 * HOUR);
    const to = new Date(Date.now() + 2 * HOUR);
    const a = await newAnswer("Ada");
    const id = a.id;
    await setFeedback(t.db, a.user, { messageId: id, rating: -1 });
    await setFeedback(t.db, a.user, { messageId: id, rating: -1, comment: "wrong import" });
    expect(await counts(a, from, to)).toEqual({ up: 0, down: 1, buckets: 1 });
    expect(await comments(a, from, to)).toEqual([[-1, "wrong import"]]);

    await setFeedback(t.db, a.user, { messageId: id, rating: 1 });
    expect((await loadMessages(t.db, a.user, (await t.db.chatMessage.findUniqueOrThrow({ where: { id } })).conversationId)).at(-1)?.feedback)
      .toEqual({ rating: 1, comment: null });
    expect(await counts(a, from, to)).toEqual({ up: 1, down: 0, buckets: 1 });
    const today = new Date(Math.floor(from.getTime() / (24 * HOUR)) * 24 * HOUR);
    expect(await counts(a, today, new Date(today.getTime() + 2 * 24 * HOUR), "d")).toEqual({ up: 1, down: 0, buckets: 1 });
    expect(await comments(a, from, to)).toEqual([]);

    await setFeedback(t.db, a.user, { messageId: id, rating: 1, comment: "fixed after all" });
    await setFeedback(t.db, a.user, { messageId: id, rating: 1, comment: "fixed after all, thanks" });
    expect(await counts(a, from, to)).toEqual({ up: 1, down: 0, buckets: 1 });
    expect(await comments(a, from, to)).toEqual([[1, "fixed after all, thanks"]]);
    expect(await t.db.messageFeedback.count({ where: { messageId: id } })).toBe(1);
    const latest = await t.db.usageEvent.findFirstOrThrow({ where: { type: "chat.feedback", userId: a.user }, orderBy: { createdAt: "desc" } });
    expect((await t.db.messageFeedback.findUniqueOrThrow({ where: { messageId: id } })).updatedAt).toEqual(latest.createdAt);
    const done = await t.db.usageEvent.count({ where: { userId: a.user, type: { not: "chat.feedback_retracted" } } });
    expect((await topUsers(t.db, { from, to, period: "h", userId: a.user })).map((u) => u.events)).toEqual([done]);
  });

  it("folds the ratings recorded before, and a later change cancels in the old bucket", async () => {
    const a = await newAnswer("Bea");
    const id = a.id;
    const t1 = new Date("2026-03-10T10:15:00.000Z");
    const t2 = new Date("2026-03-10T11:40:00.000Z");
    const legacy = (rating: 1 | -1, comment: string | null, createdAt: Date) => ({
      ...usageEvent("chat.feedback", { userId: a.user, model: a.model }, { messageId: id, rating, comment }), createdAt,
    });
    await recordUsageEvents(t.db, [legacy(-1, "wrong", t1), legacy(-1, "wrong", new Date(t1.getTime() + 60_000)), legacy(1, null, t2)]);
    await t.db.messageFeedback.create({ data: { messageId: id, userId: a.user, rating: 1, updatedAt: new Date(t2.getTime() + 7) } });
    const day = [new Date("2026-03-10T00:00:00.000Z"), new Date("2026-03-11T00:00:00.000Z")] as const;
    await runRollup(t.db);
    expect(await counts(a, ...day)).toEqual({ up: 1, down: 2, buckets: 2 });

    const migration = loadMigrations(provider).find((m) => m.name.endsWith("_feedback_one_rating"));
    for (const statement of migration!.sql.split(/;\s*$/m).filter((s) => s.replace(/^--.*$/gm, "").trim() !== "")) {
      await t.db.$executeRawUnsafe(statement);
    }
    expect(await counts(a, ...day)).toEqual({ up: 1, down: 0, buckets: 1 });
    expect(await comments(a, ...day)).toEqual([]);
    expect((await t.db.messageFeedback.findUniqueOrThrow({ where: { messageId: id } })).updatedAt).toEqual(t2);

    await setFeedback(t.db, a.user, { messageId: id, rating: -1, comment: "no, wrong after all" });
    expect(await counts(a, ...day)).toEqual({ up: 0, down: 0, buckets: 0 });
    const now = [new Date(Date.now() - HOUR), new Date(Date.now() + HOUR)] as const;
    expect(await counts(a, ...now)).toEqual({ up: 0, down: 1, buckets: 1 });
    expect(await comments(a, ...now)).toEqual([[-1, "no, wrong after all"]]);
  });

  it("keeps one counted rating when saves of the same answer race", async () => {
    const a = await newAnswer("Cy");
    const from = new Date(Date.now() - HOUR);
    const to = new Date(Date.now() + HOUR);
    const ratings = [1, -1, 1, -1, 1, -1] as const;
    const results = await Promise.allSettled(ratings.map((rating) => setFeedback(t.db, a.user, { messageId: a.id, rating })));
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    const saved = await t.db.messageFeedback.findUniqueOrThrow({ where: { messageId: a.id } });
    expect(await counts(a, from, to)).toEqual({ up: saved.rating === 1 ? 1 : 0, down: saved.rating === -1 ? 1 : 0, buckets: 1 });
  });
});
