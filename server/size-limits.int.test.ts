import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRoomState } from "../lib/collab/doc-store";
import { createFile, fileText, filesOfState, findFileByPath } from "../lib/collab/room-files";
import { MAX_FILE_CHARS } from "../lib/collab/text-content";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { DocClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { sleep, waitFor } from "./test-support/wait";

const MAX_ROOM_BYTES = 2_500_000;

describe.each(testProviders())("room and file size limits on %s", (provider) => {
  let t: TestDatabase;
  let server: RunningSidecar;
  const clients: DocClient[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    server = await startTestSidecar(t, { limits: { maxMessageBytes: 8 * 1024 * 1024, maxRoomBytes: MAX_ROOM_BYTES } });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.sidecar.close();
    await t?.dispose();
  });

  async function connect(userId: string, roomId: string): Promise<DocClient> {
    const client = new DocClient(server.url, roomId, await tokenFor(userId, roomId));
    clients.push(client);
    await client.synced();
    return client;
  }

  /** The stored files, once the writer's batch window has passed. */
  async function storedFiles(roomId: string) {
    await sleep(300);
    return filesOfState((await loadRoomState(t.db, roomId)).state);
  }

  it("refuses an update that takes a file past the character limit, stores nothing of it, and keeps the room usable", async () => {
    const room = await createRoomWith(t.db, ["editor"]);
    const writer = await connect(room.owner.id, room.roomId);
    const fileId = createFile(writer.doc, "big.txt", "x".repeat(MAX_FILE_CHARS - 10));
    await waitFor("the file to be stored", async () => (await storedFiles(room.roomId)).length === 1);
    const before = await storedFiles(room.roomId);

    fileText(writer.doc, fileId).insert(5, "y".repeat(11));
    const close = await writer.closedForGood();
    expect(close.code).toBe(4413);
    expect(close.reason).toContain("1,000,000 characters");
    expect(await storedFiles(room.roomId)).toEqual(before);

    const editor = await connect(room.members[1]!.id, room.roomId);
    const text = fileText(editor.doc, findFileByPath(editor.doc, "big.txt")!.id);
    expect(text.length).toBe(MAX_FILE_CHARS - 10);
    text.insert(0, "0123456789");
    text.delete(0, 20);
    await waitFor("the edit within the limit to be stored", async () => (await storedFiles(room.roomId))[0]?.content.length === MAX_FILE_CHARS - 20);
  });

  it("refuses an update that takes the room past ROOM_MAX_MB; deletions pass at the limit and make room", async () => {
    const room = await createRoomWith(t.db, ["editor"]);
    const writer = await connect(room.owner.id, room.roomId);
    createFile(writer.doc, "a.txt", "a".repeat(900_000));
    createFile(writer.doc, "b.txt", "b".repeat(900_000));
    await waitFor("both files to be stored", async () => (await storedFiles(room.roomId)).length === 2);
    const before = await storedFiles(room.roomId);

    createFile(writer.doc, "c.txt", "c".repeat(900_000));
    const close = await writer.closedForGood();
    expect(close.code).toBe(4413);
    expect(close.reason).toBe("a room may hold at most 2.4 MB");
    expect(await storedFiles(room.roomId)).toEqual(before);

    const editor = await connect(room.members[1]!.id, room.roomId);
    expect(findFileByPath(editor.doc, "c.txt")).toBeUndefined();
    fileText(editor.doc, findFileByPath(editor.doc, "a.txt")!.id).delete(0, 800_000);
    await waitFor("the deletion to be stored", async () => (await storedFiles(room.roomId)).find((f) => f.path === "a.txt")?.content.length === 100_000);
    createFile(editor.doc, "d.txt", "d".repeat(500_000));
    await waitFor("the file that fits again to be stored", async () => (await storedFiles(room.roomId)).some((f) => f.path === "d.txt"));
    expect(editor.terminal).toBeNull();
  });
});
