import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations } from "../db/migrate";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { recordUsageEvents, type UsageEventInput } from "./usage-events";

/** Events with and without a comment, and whether each must be flagged `hasComment`. */
const CASES: [UsageEventInput, boolean][] = [
  [{ type: "chat.feedback", data: { rating: 1, comment: "too slow" } }, true],
  [{ type: "chat.feedback", data: { rating: 1, comment: "" } }, false],
  [{ type: "chat.feedback", data: { rating: -1, comment: null } }, false],
  [{ type: "chat.feedback", data: { rating: 1 } }, false],
  [{ type: "chat.feedback", data: { rating: 1, comment: 5 } }, false],
  [{ type: "chat.turn", data: { totalMs: 5 } }, false],
];

describe.each(testProviders())("feedback comment flag on %s", (provider) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const start = Date.UTC(2026, 2, 10);
    await recordUsageEvents(t.db, CASES.map(([e], i) => ({ ...e, createdAt: new Date(start + i * 60_000) })));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const flags = async () => (await t.db.usageEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.hasComment);

  it("is set when an event is written with a non-empty text comment", async () => {
    expect(await flags()).toEqual(CASES.map(([, flagged]) => flagged));
  });

  it("is set by its migration's backfill for events written before the flag existed", async () => {
    await t.db.usageEvent.updateMany({ data: { hasComment: false } });
    const migration = loadMigrations(provider).find((m) => m.name.endsWith("_usage_comment_flag"));
    const backfill = migration?.sql.match(/^UPDATE [\s\S]*?;/m)?.[0];
    expect(backfill).toBeDefined();
    await t.db.$executeRawUnsafe(backfill!);
    expect(await flags()).toEqual(CASES.map(([, flagged]) => flagged));
  });
});
