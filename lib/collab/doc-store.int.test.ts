import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { appendUpdates, compactRoom, loadRoomState } from "./doc-store";
import { createRoom } from "./rooms";
import { storedText } from "./test-support";

/** A doc whose text gains one character per update, with every update captured. */
function typer() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const type = (chars: string) => [...chars].forEach((c) => doc.getText("t").insert(doc.getText("t").length, c));
  return { doc, updates, type };
}

describe.each(testProviders())("document storage on %s", (provider) => {
  let t: TestDatabase;
  let ownerId: string;
  const newRoom = async () => (await createRoom(t.db, ownerId, { name: "Doc" })).id;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    ownerId = (await t.db.user.create({ data: { email: "o@example.com", name: "O" } })).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("loads an empty document for a new room and appends batches as single rows", async () => {
    const roomId = await newRoom();
    expect(await loadRoomState(t.db, roomId)).toMatchObject({ unfoldedUpdates: 0 });
    const { updates, type } = typer();
    type("hello");
    await appendUpdates(t.db, roomId, updates.splice(0));
    type(" world");
    await appendUpdates(t.db, roomId, updates.splice(0));
    expect(await t.db.collabUpdate.count({ where: { roomId } })).toBe(2);
    expect(await storedText(t.db, roomId)).toBe("hello world");
  });

  it("compacts the log into the snapshot and keeps loading the same document", async () => {
    const roomId = await newRoom();
    const { updates, type } = typer();
    for (const word of ["one ", "two ", "three "]) {
      type(word);
      await appendUpdates(t.db, roomId, updates.splice(0));
    }
    expect(await compactRoom(t.db, roomId)).toBe(3);
    expect(await t.db.collabUpdate.count({ where: { roomId } })).toBe(0);
    type("four");
    await appendUpdates(t.db, roomId, updates.splice(0));
    expect(await compactRoom(t.db, roomId)).toBe(1);
    expect(await compactRoom(t.db, roomId)).toBe(0);
    expect(await storedText(t.db, roomId)).toBe("one two three four");
    expect((await t.db.collabSnapshot.findUniqueOrThrow({ where: { roomId } })).upToUpdateId).toBeGreaterThan(0);
  });

  it("loses nothing when compactions, appends and loads race", async () => {
    const roomId = await newRoom();
    const { updates, type } = typer();
    const expected: string[] = [];
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const chunk = `${i % 10}`;
      expected.push(chunk);
      type(chunk);
      work.push(appendUpdates(t.db, roomId, updates.splice(0)));
      if (i % 5 === 0) work.push(compactRoom(t.db, roomId), compactRoom(t.db, roomId), loadRoomState(t.db, roomId));
    }
    await Promise.all(work);
    await Promise.all([compactRoom(t.db, roomId), compactRoom(t.db, roomId)]);
    expect(await storedText(t.db, roomId)).toBe(expected.join(""));
  });

  it("still loads an update whose id is below the snapshot's (committed late)", async () => {
    const roomId = await newRoom();
    const { updates, type } = typer();
    type("early");
    await appendUpdates(t.db, roomId, updates.splice(0));
    type("-late");
    const late = updates.splice(0);
    type("-later");
    await appendUpdates(t.db, roomId, updates.splice(0));
    await compactRoom(t.db, roomId);
    const snapshot = await t.db.collabSnapshot.findUniqueOrThrow({ where: { roomId } });
    // Simulates a transaction that took its id before the compaction but committed after it.
    await t.db.collabUpdate.create({ data: { roomId, update: new Uint8Array(Y.mergeUpdates(late)), id: snapshot.upToUpdateId - 1 } });
    expect(await storedText(t.db, roomId)).toBe("early-late-later");
  });
});
