import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { runSerializable, type Tx } from "./serializable";
import { createTestDatabase, testProviders, type TestDatabase } from "./test-database";

// SQLite runs one writer at a time, so only PostgreSQL can lose a serialization race.
describe.skipIf(!testProviders().includes("postgresql"))("serializable transactions on postgresql", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgresql");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("runs the loser of a write-skew race again, on what the winner committed", async () => {
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const attempts: string[] = [];
    const claimNextSlot = (who: string) => async (tx: Tx) => {
      attempts.push(who);
      const taken = await tx.setting.count({ where: { key: { startsWith: "slot:" } } });
      if (++arrived === 2) release();
      await bothRead;
      await tx.setting.create({ data: { key: `slot:${taken}`, value: who } });
      return taken;
    };
    const conflict = () => new AppError("CONFLICT", "lost the race");

    const slots = await Promise.all([
      runSerializable(t.db, claimNextSlot("a"), conflict),
      runSerializable(t.db, claimNextSlot("b"), conflict),
    ]);

    expect([...slots].sort()).toEqual([0, 1]);
    expect(attempts).toHaveLength(3);
    expect(await t.db.setting.count({ where: { key: { startsWith: "slot:" } } })).toBe(2);
  });
});
