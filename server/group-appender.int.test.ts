import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedText } from "../lib/collab/test-support";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { GroupAppender } from "./group-appender";

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe.each(testProviders())("group appender on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("writes appends made in the same turn as one statement, each room getting its own row", async () => {
    const rooms = await Promise.all(["a", "b", "c"].map((name) => t.db.room.create({ data: { name } })));
    const appender = new GroupAppender(t.db);
    await Promise.all(rooms.map((room) => appender.append(room.id, textUpdate(`hello ${room.name}`))));
    for (const room of rooms) expect(await storedText(t.db, room.id)).toBe(`hello ${room.name}`);
    const rows = await t.db.collabUpdate.findMany({ where: { roomId: { in: rooms.map((r) => r.id) } } });
    expect(rows).toHaveLength(3);
    // Written by raw SQL, read back by Prisma: the timestamps must be in Prisma's own format.
    for (const row of rows) expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("when one room of the group was deleted, only that append fails (NOT_FOUND) and the others land", async () => {
    const kept = await t.db.room.create({ data: { name: "kept" } });
    const gone = await t.db.room.create({ data: { name: "gone" } });
    await t.db.room.delete({ where: { id: gone.id } });
    const appender = new GroupAppender(t.db);
    const [keptResult, goneResult] = await Promise.allSettled([
      appender.append(kept.id, textUpdate("still here")),
      appender.append(gone.id, textUpdate("lost")),
    ]);
    expect(keptResult.status).toBe("fulfilled");
    expect(goneResult).toMatchObject({ status: "rejected", reason: { code: "NOT_FOUND" } });
    expect(await storedText(t.db, kept.id)).toBe("still here");
  });
});
