import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations } from "../db/migrate";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import type { Prisma } from "../db/generated/sqlite/client";
import { ALL } from "./measures";
import { iso } from "./queries/base";
import { runRollup } from "./rollup";
import { resolveRange, type AnalyticsFilter } from "./scope";
import { allCharts } from "./testing/all-charts";
import { recordUsageEvents, usageEvent, type UsageEventInput } from "./usage-events";

/**
 * Events every 5 h 17 min over three weeks of March 2026 (so they straddle hour, day and Monday
 * week boundaries), of every kind the charts read, by two users in two rooms (or none).
 */
function spreadEvents(ids: { alice: string; bob: string; r1: string; r2: string }): UsageEventInput[] {
  const start = Date.UTC(2026, 2, 1, 0, 30);
  const events: UsageEventInput[] = [];
  for (let i = 0; i < 100; i++) {
    const who = { userId: i % 3 === 0 ? ids.bob : ids.alice, roomId: [ids.r1, ids.r2, null][i % 3], model: i % 2 ? "A" : "B" };
    const all = [
      usageEvent("chat.turn", who, {
        conversationId: "c", inputTokens: i, outputTokens: 2 * i, costUsd: 0.001 * i, ttftMs: 10 + i, totalMs: 100 + 37 * i,
        error: i % 11 === 0 ? "AI_TIMEOUT" : null,
      }),
      usageEvent("chat.feedback", who, { messageId: "m", rating: i % 4 === 0 ? -1 : 1, comment: null }),
      usageEvent("collab.edit", who, { file_id: "f", path: "a.ts", added: i, removed: i % 5 }),
      usageEvent("collab.active", who, { minutes: 1 + (i % 3) }),
      usageEvent("collab.join", who, { channel: i % 2 ? "doc" : "events", role: "editor" }),
      usageEvent("knowledge.failed", who, { documentId: "d", reason: i % 2 ? "CORRUPT" : "NO_TEXT" }),
      usageEvent("knowledge.search", who, { results: 3, ms: 5 }),
    ];
    events.push({ ...all[i % all.length]!, createdAt: new Date(start + i * (5 * 60 + 17) * 60_000) });
  }
  return events;
}

describe.each(testProviders())("rollup grains on %s", (provider) => {
  let t: TestDatabase;
  let ids: { alice: string; bob: string; r1: string; r2: string };

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const mk = (email: string, name: string) => t.db.user.create({ data: { email, name } });
    const [a, b] = [await mk("alice@example.com", "Alice"), await mk("bob@example.com", "Bob")];
    const room = (name: string) => t.db.room.create({ data: { name } });
    ids = { alice: a.id, bob: b.id, r1: (await room("One")).id, r2: (await room("Two")).id };
    await recordUsageEvents(t.db, spreadEvents(ids));
    await runRollup(t.db, { batchSize: 37 });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("starts every weekly row on a Monday at 00:00 UTC", async () => {
    const weeks = await t.db.usageRollup.findMany({ where: { period: "w" }, distinct: ["bucket"], select: { bucket: true } });
    expect(weeks.map((w) => iso(w.bucket)).sort()).toEqual(["2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16"].map((day) => `${day}T00:00:00.000Z`));
  });

  /** Deletes rows, runs the hand-written INSERTs of a migration that rebuild them, and expects the same rows back. */
  async function expectRebuiltBy(migration: string, rollup: Prisma.UsageRollupWhereInput, bins?: Prisma.UsageLatencyBinWhereInput) {
    const rows = async () => ({
      rollup: (await t.db.usageRollup.findMany({ where: rollup })).map((r) => JSON.stringify({ ...r, costUsd: Math.round(r.costUsd * 1e9) })).sort(),
      bins: bins ? (await t.db.usageLatencyBin.findMany({ where: bins })).map((r) => JSON.stringify(r)).sort() : [],
    });
    const before = await rows();
    expect(before.rollup.length).toBeGreaterThan(0);
    await t.db.usageRollup.deleteMany({ where: rollup });
    if (bins) await t.db.usageLatencyBin.deleteMany({ where: bins });
    const sql = loadMigrations(provider).find((m) => m.name.endsWith(migration))?.sql ?? "";
    const inserts = sql.split(/;\s*\n/).filter((statement) => /^INSERT INTO "Usage(Rollup|LatencyBin)"/m.test(statement));
    expect(inserts).toHaveLength(bins ? 2 : 1);
    for (const insert of inserts) await t.db.$executeRawUnsafe(insert);
    expect(await rows()).toEqual(before);
  }

  it("has its migrations rebuild the weekly rows from the daily ones, and the team-wide rows from the others", async () => {
    await expectRebuiltBy("_analytics_rollup_weeks", { period: "w" }, { period: "w" });
    await expectRebuiltBy("_analytics_rollup_team_rows", { userId: ALL, roomId: ALL });
  });

  it("gives the same answers from weeks, days and edge hours as from scratch, for any window", async () => {
    const windows = [
      ["2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"], // exactly one week, daily buckets
      ["2026-03-04T07:00:00Z", "2026-03-06T07:00:00Z"], // two days, hourly, neither end on a day
      ["2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"], // one Sunday
      ["2026-02-27T00:00:00Z", "2026-03-19T00:00:00Z"], // daily, two whole weeks inside
      ["2026-03-03T00:00:00Z", "2026-03-31T00:00:00Z"], // daily, ending after the last event
      ["2026-01-07T00:00:00Z", "2026-04-30T00:00:00Z"], // weekly, both ends inside a week
    ];
    for (const [from, to] of windows) {
      const range = resolveRange({ range: "custom", from, to });
      for (const scope of [{}, { userId: ids.alice }, { roomId: ids.r1 }, { model: "A" }, { userId: ids.bob, roomId: ids.r2 }]) {
        const f: AnalyticsFilter = { ...range, ...scope };
        expect(await allCharts(t.db, f, "rollup"), `${from} – ${to} ${JSON.stringify(scope)}`).toEqual(await allCharts(t.db, f, "raw"));
      }
    }
  });
});
