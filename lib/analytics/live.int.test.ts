import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { liveCounters } from "./live";
import { recordUsageEvents, usageEvent } from "./usage-events";

const NOW = new Date("2026-05-05T12:30:00.000Z");
const turn = (userId: string, minutesAgo: number, error: string | null) => ({
  ...usageEvent("chat.turn", { userId, model: "m" }, { conversationId: "c", inputTokens: 1, outputTokens: 1, costUsd: 0, ttftMs: 1, totalMs: 2, error }),
  createdAt: new Date(NOW.getTime() - minutesAgo * 60_000),
});

describe.each(testProviders())("live counters on %s", (provider) => {
  let t: TestDatabase;
  let ids: { a: string; b: string };
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const a = await t.db.user.create({ data: { email: "a@example.com", name: "A", lastSeenAt: new Date(NOW.getTime() - 60_000) } });
    const b = await t.db.user.create({ data: { email: "b@example.com", name: "B", lastSeenAt: new Date(NOW.getTime() - 3_600_000) } });
    ids = { a: a.id, b: b.id };
    // Today: A 3 turns (one failed 10 min ago), B 1 failed turn 2 h ago; yesterday: A 1 turn.
    await recordUsageEvents(t.db, [turn(a.id, 5, null), turn(a.id, 10, "AI_TIMEOUT"), turn(a.id, 200, null), turn(b.id, 120, "X"), turn(a.id, 800, null)]);
    await recordUsageEvents(t.db, [{ ...usageEvent("knowledge.failed", { userId: b.id }, { documentId: "d", reason: "CORRUPT" }), createdAt: new Date(NOW.getTime() - 30 * 60_000) }]);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("counts the team for admins and only the member's own activity for members", async () => {
    const unreachable = "http://127.0.0.1:9";
    const admin = await liveCounters(t.db, { id: ids.a, email: "", name: "", role: "admin" }, unreachable, NOW);
    expect(admin).toEqual({ at: NOW.toISOString(), activeUsers: 1, openSessions: null, chatTurnsToday: 4, errorsLastHour: 2 });
    const memberB = await liveCounters(t.db, { id: ids.b, email: "", name: "", role: "member" }, unreachable, NOW);
    expect(memberB).toEqual({ at: NOW.toISOString(), activeUsers: null, openSessions: null, chatTurnsToday: 1, errorsLastHour: 1 });
  });
});
