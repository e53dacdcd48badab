import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { signCollabToken } from "../lib/collab/collab-token";
import { loadRoomState } from "../lib/collab/doc-store";
import { changeMemberRole, removeMember } from "../lib/collab/members";
import { createFile, findFileByPath, listFiles } from "../lib/collab/room-files";
import { deleteRoom } from "../lib/collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { closeOf, DocClient, EventsClient } from "./test-support/clients";
import { createRoomWith, createUser, tokenFor } from "./test-support/fixtures";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { sleep, waitFor } from "./test-support/wait";

async function storedPaths(t: TestDatabase, roomId: string): Promise<string[]> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadRoomState(t.db, roomId)).state);
  return listFiles(doc).map((f) => f.path);
}

describe.each(testProviders())("sidecar access control on %s", (provider) => {
  let t: TestDatabase;
  let server: RunningSidecar;
  const clients: DocClient[] = [];
  const open = (roomId: string, token: string | null) => {
    const c = new DocClient(server.url, roomId, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    // The production membership check interval, so the "within 2 s" promise is what is tested.
    server = await startTestSidecar(t, { timing: { membershipCheckMs: 1_000 } });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(async () => {
    await server?.sidecar.close();
    await t?.dispose();
  });

  it("refuses bad tokens with a 44xx close, after which the stock client stops retrying", async () => {
    const { roomId, owner } = await createRoomWith(t.db);
    const other = await createRoomWith(t.db);
    const outsider = await createUser(t.db, "Outsider");
    const cases = [
      { token: null, code: 4401, reason: "token missing" },
      { token: "not-a-jwt", code: 4401, reason: "token invalid" },
      {
        token: (await signCollabToken("another-secret-another-secret-another-secret", { userId: owner.id, roomId, role: "owner" })).token,
        code: 4401,
        reason: "token invalid",
      },
      { token: await tokenFor(owner.id, roomId, "owner", { now: new Date(Date.now() - 20 * 60_000) }), code: 4401, reason: "token expired" },
      { token: await tokenFor(other.owner.id, other.roomId, "owner"), code: 4403, reason: "token is for another room" },
      { token: await tokenFor(outsider.id, roomId, "owner"), code: 4403, reason: "not a member of this room" },
    ];
    for (const expected of cases) {
      const c = open(roomId, expected.token);
      expect(await c.closedForGood()).toEqual({ code: expected.code, reason: expected.reason });
      expect(c.provider.shouldConnect).toBe(false);
      expect(c.provider.synced).toBe(false);
    }
    expect(await closeOf(`${server.url}/not/a/room`)).toEqual({ code: 4400, reason: "unknown path" });
  });

  it("drops a viewer's document changes: they reach neither other clients nor the database", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["viewer"]);
    const editor = open(roomId, await tokenFor(owner.id, roomId));
    const viewer = open(roomId, await tokenFor(members[1]!.id, roomId, "viewer"));
    await Promise.all([editor.synced(), viewer.synced()]);
    createFile(viewer.doc, "sneaky.ts", "viewer was here");
    createFile(editor.doc, "legit.ts", "editor content");
    await waitFor("the viewer to receive the editor's file", () => findFileByPath(viewer.doc, "legit.ts"));
    await waitFor("the editor's file to be stored", async () => (await storedPaths(t, roomId)).includes("legit.ts"));
    await sleep(300);
    expect(findFileByPath(editor.doc, "sneaky.ts")).toBeUndefined();
    expect(await storedPaths(t, roomId)).toEqual(["legit.ts"]);
    expect(viewer.terminal).toBeNull();
  });

  it("closes a removed member's sockets and makes a demoted editor read-only within about a second", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor", "editor"]);
    const [, leaving, demoted] = members;
    const ownerClient = open(roomId, await tokenFor(owner.id, roomId));
    const leavingClient = open(roomId, await tokenFor(leaving!.id, roomId));
    const demotedClient = open(roomId, await tokenFor(demoted!.id, roomId));
    const demotedEvents = await EventsClient.open(server.url, roomId, await tokenFor(demoted!.id, roomId));
    await Promise.all([ownerClient.synced(), leavingClient.synced(), demotedClient.synced()]);

    const removedAt = Date.now();
    await removeMember(t.db, owner.id, roomId, leaving!.id);
    await changeMemberRole(t.db, owner.id, roomId, { userId: demoted!.id, role: "viewer" });
    expect(await leavingClient.closedForGood(5_000)).toEqual({ code: 4403, reason: "no longer a member of this room" });
    expect(Date.now() - removedAt).toBeLessThan(3_000);
    const notice = await demotedEvents.next("notification", (e) => e.payload.code === "role_changed");
    expect(Date.now() - removedAt).toBeLessThan(3_000);
    expect(notice.payload.message).toMatch(/only view/);

    createFile(demotedClient.doc, "after-demotion.ts", "x");
    createFile(ownerClient.doc, "owner.ts", "y");
    await waitFor("the demoted client to still receive changes", () => findFileByPath(demotedClient.doc, "owner.ts"));
    await sleep(300);
    expect(findFileByPath(ownerClient.doc, "after-demotion.ts")).toBeUndefined();
    expect(await storedPaths(t, roomId)).not.toContain("after-demotion.ts");
    demotedEvents.end();
  });

  it("disconnects everyone when the room is deleted", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
    const a = open(roomId, await tokenFor(owner.id, roomId));
    const b = open(roomId, await tokenFor(members[1]!.id, roomId));
    await Promise.all([a.synced(), b.synced()]);
    await deleteRoom(t.db, owner.id, roomId);
    createFile(a.doc, "too-late.ts", "the room is gone");
    expect((await a.closedForGood(5_000)).code).toBe(4403);
    expect((await b.closedForGood(5_000)).code).toBe(4403);
    // The write for the deleted room is dropped rather than retried forever, so the room unloads.
    await waitFor("the deleted room to unload", () => !server.sidecar.isLoaded(roomId));
  });
});
