import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadRoomState } from "../lib/collab/doc-store";
import { createFile, findFileByPath, readFile } from "../lib/collab/room-files";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { DocClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { sleep, waitFor } from "./test-support/wait";

async function storedFile(t: TestDatabase, roomId: string, path: string): Promise<string | null> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadRoomState(t.db, roomId)).state);
  const file = findFileByPath(doc, path);
  return file ? readFile(doc, file.id) : null;
}

describe.each(testProviders())("document sync on %s", (provider) => {
  let t: TestDatabase;
  let server: RunningSidecar;
  const clients: DocClient[] = [];
  const client = async (roomId: string, userId: string) => {
    const c = new DocClient(server.url, roomId, await tokenFor(userId, roomId));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    server = await startTestSidecar(t);
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(async () => {
    await server?.sidecar.close();
    await t?.dispose();
  });

  it("converges concurrent edits from two clients and persists the result", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
    const a = await client(roomId, owner.id);
    const b = await client(roomId, members[1]!.id);
    await Promise.all([a.synced(), b.synced()]);
    const id = createFile(a.doc, "src/main.ts", "0123456789");
    await waitFor("b to see the file", () => findFileByPath(b.doc, "src/main.ts"));
    const textA = a.doc.getMap<Y.Text>("texts").get(id)!;
    const textB = b.doc.getMap<Y.Text>("texts").get(id)!;
    for (let i = 0; i < 20; i++) {
      textA.insert(Math.floor(Math.random() * (textA.length + 1)), "A");
      textB.insert(Math.floor(Math.random() * (textB.length + 1)), "B");
      if (i % 5 === 4) textB.delete(textB.toString().indexOf("B"), 1);
      await sleep(2);
    }
    const converged = await waitFor("convergence", () => textA.toString() === textB.toString() && textA.toString());
    expect(converged.replace(/[AB]/g, "")).toBe("0123456789");
    expect(converged.match(/A/g)).toHaveLength(20);
    expect(converged.match(/B/g)).toHaveLength(16);
    await waitFor("the database to hold the result", async () => (await storedFile(t, roomId, "src/main.ts")) === converged);
  });

  it("answers the first sync from the stored document (load before sync)", async () => {
    const { roomId, owner } = await createRoomWith(t.db);
    const writer = await client(roomId, owner.id);
    await writer.synced();
    createFile(writer.doc, "README.md", "# Persisted before");
    await waitFor("persistence", async () => (await storedFile(t, roomId, "README.md")) === "# Persisted before");
    writer.destroy();
    await waitFor("the room to unload", () => !server.sidecar.isLoaded(roomId));
    const reader = await client(roomId, owner.id);
    await reader.synced();
    const file = findFileByPath(reader.doc, "README.md");
    expect(file && readFile(reader.doc, file.id)).toBe("# Persisted before");
  });
});
