import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { AppError } from "../errors/app-error";
import { MAX_RELATIVE_ERROR } from "./histogram";
import { chatTotals } from "./prometheus";
import { feedbackSeries, chatUsageSeries, latencyByModel, latestFeedbackComments } from "./queries/chat";
import { collabByRoom, collabByUser, collabSeries } from "./queries/collab";
import { exactLatencyByModel } from "./queries/exact-latency";
import { knowledgeFailures, knowledgeSeries } from "./queries/knowledge";
import { topRooms, topUsers } from "./queries/top";
import { pruneUsageEvents, runRollup } from "./rollup";
import { resolveFilter } from "./scope";
import { allCharts } from "./testing/all-charts";
import { DAY_START, knownEvents } from "./testing/known-events";
import { recordUsageEvents } from "./usage-events";

const DAY = { from: DAY_START, to: new Date(DAY_START.getTime() + 86_400_000), period: "h" as const };

const sum = <T>(rows: T[], key: keyof T) => rows.reduce((s, r) => s + Number(r[key]), 0);

describe.each(testProviders())("analytics on %s", (provider) => {
  let t: TestDatabase;
  let ids: { alice: string; bob: string; r1: string; r2: string };
  let alice: SessionUser;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const mk = (email: string, name: string) => t.db.user.create({ data: { email, name } });
    const [a, b] = [await mk("alice@example.com", "Alice"), await mk("bob@example.com", "Bob")];
    const r1 = await t.db.room.create({ data: { name: "Shared", members: { create: [{ userId: a.id, role: "owner" }, { userId: b.id, role: "editor" }] } } });
    const r2 = await t.db.room.create({ data: { name: "Bob's", members: { create: [{ userId: b.id, role: "owner" }] } } });
    ids = { alice: a.id, bob: b.id, r1: r1.id, r2: r2.id };
    alice = { id: a.id, email: a.email, name: a.name, role: "member" };
    const events = knownEvents(ids);
    // Half before a first rollup, half (interleaved in time) after: the rollup must be incremental.
    await recordUsageEvents(t.db, events.filter((_, i) => i % 2 === 0));
    await runRollup(t.db, { batchSize: 7 });
    await recordUsageEvents(t.db, events.filter((_, i) => i % 2 === 1));
    // Two concurrent runners with small batches must still count each event once.
    await Promise.all([runRollup(t.db, { batchSize: 11 }), runRollup(t.db, { batchSize: 13 })]);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("counts chat turns, tokens and cost per model exactly", async () => {
    const usage = await chatUsageSeries(t.db, DAY);
    const byModel = (m: string) => usage.filter((p) => p.model === m);
    expect(sum(byModel("A"), "turns")).toBe(105);
    expect(sum(byModel("A"), "inputTokens")).toBe(1050);
    expect(sum(byModel("A"), "outputTokens")).toBe(2100);
    expect(sum(byModel("A"), "costUsd")).toBeCloseTo(0.105, 9);
    expect(sum(byModel("B"), "turns")).toBe(10);
    expect(byModel("B")).toEqual([{ bucket: "2026-03-10T12:00:00.000Z", model: "B", turns: 10, inputTokens: 100, outputTokens: 200, costUsd: 0.01 }]);
    const metrics = await chatTotals(t.db);
    expect(metrics.find((m) => m.model === "A")?._sum).toEqual({ count: 105, errors: 5, inputTokens: 1050, outputTokens: 2100 });
  });

  it("computes exact percentiles from raw events and histogram percentiles within the documented error", async () => {
    const exact = await exactLatencyByModel(t.db, DAY);
    expect(exact).toEqual([
      { model: "A", metric: "total", p50: 500, p95: 950, p99: 990 },
      { model: "A", metric: "ttft", p50: 50, p95: 95, p99: 99 },
      { model: "B", metric: "total", p50: 500, p95: 1000, p99: 1000 },
      { model: "B", metric: "ttft", p50: 50, p95: 100, p99: 100 },
    ]);
    const latency = await latencyByModel(t.db, DAY);
    expect(latency.map((l) => [l.model, l.turns, l.errors, l.errorRate])).toEqual([["A", 105, 5, 0.0476], ["B", 10, 0, 0]]);
    for (const row of exact) {
      const hist = latency.find((l) => l.model === row.model)!;
      for (const p of ["p50", "p95", "p99"] as const) {
        const key = `${row.metric}${p.toUpperCase()}` as "ttftP50";
        expect(Math.abs(hist[key]! - row[p]) / row[p]).toBeLessThanOrEqual(MAX_RELATIVE_ERROR + 0.5 / row[p]);
      }
    }
  });

  it("answers feedback, collaboration, knowledge and top charts exactly", async () => {
    const feedback = await feedbackSeries(t.db, DAY);
    expect([sum(feedback.filter((f) => f.model === "A"), "up"), sum(feedback.filter((f) => f.model === "A"), "down")]).toEqual([3, 1]);
    expect((await latestFeedbackComments(t.db, DAY)).map((c) => [c.comment, c.rating, c.userName])).toEqual([
      ["too slow", -1, "Bob"], ["wrong import", -1, "Alice"], ["great", 1, "Alice"],
    ]);
    expect(await collabByRoom(t.db, DAY)).toEqual([
      { roomId: ids.r1, roomName: "Shared", editors: 2, sessions: 2, activeMinutes: 10, charsAdded: 200, charsRemoved: 20 },
      { roomId: ids.r2, roomName: "Bob's", editors: 1, sessions: 1, activeMinutes: 0, charsAdded: 50, charsRemoved: 0 },
    ]);
    expect(await collabByUser(t.db, DAY)).toEqual([
      { userId: ids.alice, userName: "Alice", rooms: 1, sessions: 1, activeMinutes: 7, charsAdded: 200, charsRemoved: 20 },
      { userId: ids.bob, userName: "Bob", rooms: 2, sessions: 2, activeMinutes: 3, charsAdded: 50, charsRemoved: 0 },
    ]);
    const hour2 = (await collabSeries(t.db, DAY)).find((p) => p.bucket === "2026-03-10T02:00:00.000Z");
    expect(hour2).toEqual({ bucket: "2026-03-10T02:00:00.000Z", activeEditors: 2, sessions: 1, charsAdded: 100, charsRemoved: 10 });
    const knowledge = await knowledgeSeries(t.db, DAY);
    expect([sum(knowledge, "ingested"), sum(knowledge, "failed"), sum(knowledge, "searches"), sum(knowledge, "citationsOpened")]).toEqual([2, 3, 4, 1]);
    expect(await knowledgeFailures(t.db, DAY)).toEqual([{ reason: "CORRUPT", count: 2 }, { reason: "NO_TEXT", count: 1 }]);
    expect((await topUsers(t.db, DAY)).map((u) => [u.userName, u.events, u.turns, u.edits])).toEqual([["Alice", 121, 105, 2], ["Bob", 18, 10, 1]]);
    expect((await topRooms(t.db, DAY)).map((r) => [r.roomName, r.users, r.events])).toEqual([["Shared", 2, 117], ["Bob's", 1, 2]]);
  });

  it("gives the same answers from the incremental rollup as from scratch, hourly and daily", async () => {
    expect(await allCharts(t.db, DAY, "rollup")).toEqual(await allCharts(t.db, DAY, "raw"));
    const month = { from: new Date("2026-02-20T00:00:00Z"), to: new Date("2026-03-20T00:00:00Z"), period: "d" as const };
    const daily = await allCharts(t.db, month, "rollup");
    expect(daily).toEqual(await allCharts(t.db, month, "raw"));
    expect(sum(daily.usage, "turns")).toBe(115);
  });

  it("keeps a member to their own activity", async () => {
    const query = { range: "custom" as const, from: DAY.from.toISOString(), to: DAY.to.toISOString(), scope: "all" as const };
    const mine = await resolveFilter(t.db, alice, query);
    expect(mine.userId).toBe(ids.alice);
    const charts = await allCharts(t.db, mine, "rollup");
    expect(charts.usage.every((p) => p.model === "A")).toBe(true);
    expect(charts.topUsers.map((u) => u.userId)).toEqual([ids.alice]);
    expect(charts.collabUsers.map((u) => u.userId)).toEqual([ids.alice]);
    expect(charts.collabRooms).toEqual([{ roomId: ids.r1, roomName: "Shared", editors: 1, sessions: 1, activeMinutes: 7, charsAdded: 200, charsRemoved: 20 }]);
    expect(charts.failures).toEqual([{ reason: "CORRUPT", count: 1 }]);
    expect((await latestFeedbackComments(t.db, mine)).map((c) => c.comment)).toEqual(["wrong import", "great"]);
    // Scoping to a shared room still shows only her own activity there.
    const room = await resolveFilter(t.db, alice, { ...query, scope: "room", id: ids.r1 });
    expect((await topUsers(t.db, room)).map((u) => u.userId)).toEqual([ids.alice]);
    await expect(resolveFilter(t.db, alice, { ...query, scope: "user", id: ids.bob })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "FORBIDDEN");
    await expect(resolveFilter(t.db, alice, { ...query, scope: "room", id: ids.r2 })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");
  });

  it("prunes raw events past the retention without changing rollup answers", async () => {
    const before = await allCharts(t.db, DAY, "rollup");
    await recordUsageEvents(t.db, [{ type: "chat.turn", userId: ids.bob, model: "B", createdAt: new Date("2026-03-20T00:00:00Z"), data: { totalMs: 5 } }]);
    const deleted = await pruneUsageEvents(t.db, 30, new Date("2026-04-15T00:00:00Z"));
    // Only events already rolled up go: the unrolled one from 2026-03-20 waits for the next rollup.
    expect(deleted).toBe(knownEvents(ids).length);
    expect(await t.db.usageEvent.count()).toBe(1);
    expect(await allCharts(t.db, DAY, "rollup")).toEqual(before);
    expect((await allCharts(t.db, DAY, "raw")).usage).toEqual([]);
  });
});
