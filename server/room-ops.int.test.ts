import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Principal } from "../lib/auth/principal";
import type { ApiScope } from "../lib/auth/scopes";
import { signRoomOpToken } from "../lib/collab/room-op-token";
import {
  deleteRoomFileEndpoint,
  listRoomFilesEndpoint,
  moveRoomFileEndpoint,
  readRoomFileEndpoint,
  writeRoomFileEndpoint,
  type RoomFileDeps,
} from "../lib/collab/room-file-endpoints";
import { createFile, fileText, findFileByPath, listFiles, readFile } from "../lib/collab/room-files";
import { listVersionsEndpoint, restoreVersionEndpoint, saveVersionEndpoint } from "../lib/collab/room-version-endpoints";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { DocClient, EventsClient } from "./test-support/clients";
import { createRoomWith, TEST_AUTH_SECRET, tokenFor } from "./test-support/fixtures";
import { redisTestUrl } from "./test-support/redis-url";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { sleep, waitFor } from "./test-support/wait";

const ALL_ROOM_SCOPES: ApiScope[] = ["rooms:read", "rooms:write"];

function principal(user: { id: string; email: string; name: string }, scopes: ApiScope[] = ALL_ROOM_SCOPES): Principal {
  return { user: { ...user, role: "member" }, scopes: new Set(scopes), via: "token", tokenId: "test" };
}

function depsFor(t: TestDatabase, server: RunningSidecar): RoomFileDeps {
  return { db: t.db, sidecar: { url: `http://127.0.0.1:${server.sidecar.port}`, authSecret: TEST_AUTH_SECRET } };
}

describe.each(testProviders())("live room changes through the sidecar on %s", (provider) => {
  let t: TestDatabase;
  let server: RunningSidecar;
  let deps: RoomFileDeps;
  const clients: DocClient[] = [];
  const open = async (roomId: string, userId: string) => {
    const c = new DocClient(server.url, roomId, await tokenFor(userId, roomId));
    clients.push(c);
    await c.synced();
    return c;
  };

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    server = await startTestSidecar(t, { limits: { maxRoomBytes: 64 * 1024 } });
    deps = depsFor(t, server);
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(async () => {
    await server?.sidecar.close();
    await t?.dispose();
  });

  it("puts a write into an open editor's document with a minimal edit, and persists it before answering", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
    const editor = await open(roomId, members[1]!.id);
    const id = createFile(editor.doc, "src/main.ts", "const a = 1;\nconst b = 2;\n");
    await waitFor("the file to be stored", async () => (await listRoomFilesEndpoint(deps, principal(owner), roomId)).items.length === 1);
    const text = fileText(editor.doc, id);
    // A cursor after the changed line must stay where it is.
    const cursor = Y.createRelativePositionFromTypeIndex(text, text.toString().indexOf("b"));

    const result = await writeRoomFileEndpoint(deps, principal(owner), roomId, ["src", "main.ts"], { content: "const a = 42;\nconst b = 2;\n" });
    expect(result).toEqual({ path: "src/main.ts", created: false });
    await waitFor("the editor to see the write", () => readFile(editor.doc, id) === "const a = 42;\nconst b = 2;\n");
    expect(Y.createAbsolutePositionFromRelativePosition(cursor, editor.doc)?.index).toBe(text.toString().indexOf("b"));
    expect(await readRoomFileEndpoint(deps, principal(owner), roomId, "src/main.ts")).toEqual({
      path: "src/main.ts",
      content: "const a = 42;\nconst b = 2;\n",
      language: "typescript",
    });

    const rows = await t.db.collabUpdate.count({ where: { roomId } });
    await writeRoomFileEndpoint(deps, principal(owner), roomId, "src/main.ts", { content: "const a = 42;\nconst b = 2;\n" });
    expect(await t.db.collabUpdate.count({ where: { roomId } })).toBe(rows);

    expect(await moveRoomFileEndpoint(deps, principal(owner), roomId, "src/main.ts", { path: "lib/index.ts" })).toEqual({ path: "lib/index.ts" });
    await waitFor("the editor to see the move", () => findFileByPath(editor.doc, "lib/index.ts")?.id === id);
    await deleteRoomFileEndpoint(deps, principal(owner), roomId, "lib/index.ts");
    await waitFor("the editor to see the delete", () => !findFileByPath(editor.doc, "lib/index.ts"));
    await expect(readRoomFileEndpoint(deps, principal(owner), roomId, "lib/index.ts")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("saves and restores versions live, telling the room's event sockets", async () => {
    const { roomId, owner } = await createRoomWith(t.db);
    const editor = await open(roomId, owner.id);
    const events = await EventsClient.open(server.url, roomId, await tokenFor(owner.id, roomId));
    try {
      await writeRoomFileEndpoint(deps, principal(owner), roomId, "notes.md", { content: "first" });
      const saved = await saveVersionEndpoint(deps, principal(owner), roomId, { label: "First draft" });
      expect(saved).toMatchObject({ label: "First draft", auto: false, createdBy: { id: owner.id } });
      await events.next("version.saved", (e) => e.payload.id === saved.id);
      await writeRoomFileEndpoint(deps, principal(owner), roomId, "notes.md", { content: "second" });
      const restored = await restoreVersionEndpoint(deps, principal(owner), roomId, saved.id);
      expect(restored.restored).toBe(saved.id);
      const file = findFileByPath(editor.doc, "notes.md")!;
      await waitFor("the editor to see the restored text", () => readFile(editor.doc, file.id) === "first");
      await events.next("version.restored", (e) => e.payload.undo_version_id === restored.undoVersionId);
      const versions = (await listVersionsEndpoint(t.db, principal(owner), roomId)).items.map((v) => v.id);
      expect(versions).toEqual(expect.arrayContaining([saved.id, restored.undoVersionId]));
      await expect(restoreVersionEndpoint(deps, principal(owner), roomId, "no-such-version")).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      events.end();
    }
  });

  it("writes into a cold room (not loaded) and lets it unload again", async () => {
    const { roomId, owner } = await createRoomWith(t.db);
    expect(server.sidecar.isLoaded(roomId)).toBe(false);
    expect(await writeRoomFileEndpoint(deps, principal(owner), roomId, "README.md", { content: "# Cold\n" })).toEqual({ path: "README.md", created: true });
    expect((await readRoomFileEndpoint(deps, principal(owner), roomId, "README.md")).content).toBe("# Cold\n");
    await waitFor("the room to unload", () => !server.sidecar.isLoaded(roomId));
    const reader = await open(roomId, owner.id);
    const file = findFileByPath(reader.doc, "README.md");
    expect(file && readFile(reader.doc, file.id)).toBe("# Cold\n");
  });

  it("refuses viewers (403), non-members (404), tokens without rooms:write (403) and oversized rooms (413)", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["viewer"]);
    const viewer = members[1]!;
    const stranger = { id: randomUUID(), email: "nobody@example.com", name: "Nobody" };
    const write = (who: Principal, content = "x") => writeRoomFileEndpoint(deps, who, roomId, "a.txt", { content });
    await expect(write(principal(viewer))).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(write(principal(stranger))).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    await expect(write(principal(owner, ["rooms:read"]))).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE", status: 403 });
    await expect(listRoomFilesEndpoint(deps, principal(owner, ["rooms:write"]), roomId)).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    await expect(write(principal(owner), "y".repeat(80 * 1024))).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect((await listRoomFilesEndpoint(deps, principal(viewer, ["rooms:read"]), roomId)).items).toEqual([]);
  });

  it("checks the membership in the sidecar too and refuses tokens for another body or room", async () => {
    const { roomId, members } = await createRoomWith(t.db, ["viewer"]);
    const other = await createRoomWith(t.db);
    const url = `http://127.0.0.1:${server.sidecar.port}/rooms/${roomId}/ops`;
    const post = async (token: string, body: string) => {
      const response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
      return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
    };
    const body = JSON.stringify({ op: "write", path: "a.txt", content: "from a viewer" });
    const viewerToken = await signRoomOpToken(TEST_AUTH_SECRET, { userId: members[1]!.id, roomId, op: "write" }, body);
    expect(await post(viewerToken, body)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const otherBody = JSON.stringify({ op: "write", path: "a.txt", content: "something else" });
    expect((await post(viewerToken, otherBody)).status).toBe(401);
    const wrongRoom = await signRoomOpToken(TEST_AUTH_SECRET, { userId: other.owner.id, roomId: other.roomId, op: "write" }, body);
    expect((await post(wrongRoom, body)).status).toBe(401);
    expect((await post(await tokenFor(members[1]!.id, roomId), body)).status).toBe(401);
    const huge = await fetch(url, { method: "POST", body: "x".repeat(300 * 1024) });
    expect(huge.status).toBe(413);
  });
});

const redisUrl = redisTestUrl();

describe.skipIf(!redisUrl)("live room changes across two sidecars (skipped when REDIS_URL is not set)", () => {
  describe.each(testProviders())("on %s", (provider) => {
    let t: TestDatabase;
    let first: RunningSidecar;
    let second: RunningSidecar;
    const clients: DocClient[] = [];

    const prefix = `eca:test:${randomUUID()}`;

    beforeAll(async () => {
      t = await createTestDatabase(provider);
      first = await startTestSidecar(t, { redisUrl, redisChannelPrefix: prefix });
      second = await startTestSidecar(t, { redisUrl, redisChannelPrefix: prefix });
    });
    afterEach(() => {
      clients.splice(0).forEach((c) => c.destroy());
    });
    afterAll(async () => {
      await first?.sidecar.close();
      await second?.sidecar.close();
      await t?.dispose();
    });

    it("applies a write on sidecar A that reaches a client of sidecar B", async () => {
      const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
      const onB = new DocClient(second.url, roomId, await tokenFor(members[1]!.id, roomId));
      clients.push(onB);
      await onB.synced();
      await writeRoomFileEndpoint(depsFor(t, first), principal(owner), roomId, "shared.md", { content: "written through A" });
      const file = await waitFor("B's client to see the file", () => findFileByPath(onB.doc, "shared.md"));
      await waitFor("B's client to see the content", () => readFile(onB.doc, file.id) === "written through A");
    });

    it("catches up with a peer's unsaved changes before applying a write to a room it loads cold", async () => {
      const { roomId, owner } = await createRoomWith(t.db);
      // This sidecar writes rarely: the file exists only in its memory when the write arrives.
      const slowWriter = await startTestSidecar(t, { redisUrl, redisChannelPrefix: prefix, timing: { persistBatchMs: 5_000 } });
      try {
        const editor = new DocClient(slowWriter.url, roomId, await tokenFor(owner.id, roomId));
        clients.push(editor);
        await editor.synced();
        const id = createFile(editor.doc, "fresh.ts", "typed a moment ago");
        await sleep(100);
        expect(first.sidecar.isLoaded(roomId)).toBe(false);
        const result = await writeRoomFileEndpoint(depsFor(t, first), principal(owner), roomId, "fresh.ts", { content: "typed a moment ago, and more" });
        expect(result).toEqual({ path: "fresh.ts", created: false });
        await waitFor("the editor to see the write", () => readFile(editor.doc, id) === "typed a moment ago, and more");
        expect(listFiles(editor.doc)).toHaveLength(1);
      } finally {
        await slowWriter.sidecar.close();
      }
    });
  });
});
