import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUsageEventSink } from "../lib/analytics/usage-events";
import { listChatMessages } from "../lib/collab/chat";
import { makeClientEvent } from "../lib/collab/events";
import { createFile, findFileByPath, readFile, replaceFileContent } from "../lib/collab/room-files";
import { listVersions } from "../lib/collab/versions";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { DocClient, EventsClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { waitFor } from "./test-support/wait";

describe.each(testProviders())("room events on %s", (provider) => {
  let t: TestDatabase;
  let server: RunningSidecar;
  const opened: { end: () => void }[] = [];
  const events = async (roomId: string, userId: string) => {
    const c = await EventsClient.open(server.url, roomId, await tokenFor(userId, roomId));
    opened.push(c);
    return c;
  };
  const docClient = async (roomId: string, userId: string) => {
    const c = new DocClient(server.url, roomId, await tokenFor(userId, roomId));
    opened.push({ end: () => c.destroy() });
    await c.synced();
    return c;
  };

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    server = await startTestSidecar(t, { usage: createUsageEventSink(t.db) });
  });
  afterEach(() => {
    opened.splice(0).forEach((c) => c.end());
  });
  afterAll(async () => {
    await server?.sidecar.close();
    await t?.dispose();
  });

  it("persists chat messages and delivers them to everyone in the room", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["viewer"]);
    const viewer = members[1]!;
    const alice = await events(roomId, owner.id);
    const bob = await events(roomId, viewer.id);
    await bob.next("presence.summary", (e) => e.payload.users.length === 2);
    alice.send(makeClientEvent("chat.send", { body: "  hello room  " }, { roomId, userId: owner.id }));
    bob.send(makeClientEvent("chat.send", { body: "viewers can chat" }, { roomId, userId: viewer.id }));
    const received = await bob.next("chat.message", (e) => e.payload.body === "hello room");
    expect(received).toMatchObject({ room_id: roomId, user_id: owner.id, payload: { user_name: owner.name } });
    await alice.next("chat.message", (e) => e.payload.body === "viewers can chat");
    const page = await listChatMessages(t.db, { roomId, userId: owner.id });
    expect(page.messages.map((m) => m.body).sort()).toEqual(["hello room", "viewers can chat"]);
  });

  it("answers malformed and unknown events with an error event and keeps serving", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
    const sender = await events(roomId, owner.id);
    const bystander = await events(roomId, members[1]!.id);
    const context = { roomId, userId: owner.id };
    const bad: [unknown, string][] = [
      ["{not json", "MALFORMED"],
      [{ event_type: "chat.send" }, "MALFORMED"],
      [{ ...makeClientEvent("chat.send", { body: "x" }, context), event_type: "room.explode" }, "UNKNOWN_EVENT"],
      [makeClientEvent("chat.send", { body: "" }, context), "INVALID_PAYLOAD"],
      [makeClientEvent("chat.send", { body: "half \ud800 emoji" }, context), "INVALID_PAYLOAD"],
      [{ ...makeClientEvent("chat.send", { body: "x" }, context), payload: { body: "x", extra: 1 } }, "INVALID_PAYLOAD"],
      [makeClientEvent("chat.send", { body: "spoofed" }, { roomId, userId: members[1]!.id }), "MALFORMED"],
    ];
    for (const [event] of bad) sender.send(event);
    sender.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await waitFor("an error event each", () => sender.events.filter((e) => e.event_type === "error").length === bad.length + 1);
    const codes = sender.events.flatMap((e) => (e.event_type === "error" ? [e.payload.code] : []));
    expect(codes).toEqual([...bad.map(([, code]) => code), "MALFORMED"]);
    sender.send(makeClientEvent("chat.send", { body: "still here" }, context));
    await bystander.next("chat.message", (e) => e.payload.body === "still here");
    expect(sender.close).toBeNull();
    expect(bystander.events.some((e) => e.event_type === "error")).toBe(false);
  });

  it("saves and restores versions as a new change that reaches every client and can be undone", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor", "viewer"]);
    const editorDoc = await docClient(roomId, owner.id);
    const otherDoc = await docClient(roomId, members[1]!.id);
    const ownerEvents = await events(roomId, owner.id);
    const viewerEvents = await events(roomId, members[2]!.id);

    const id = createFile(editorDoc.doc, "app.ts", "version one");
    await waitFor("the other client to see the file", () => findFileByPath(otherDoc.doc, "app.ts"));
    ownerEvents.send(makeClientEvent("version.save", { label: "v1" }, { roomId, userId: owner.id }));
    const saved = await ownerEvents.next("version.saved");
    expect(saved.payload.label).toBe("v1");

    replaceFileContent(editorDoc.doc, id, "version two");
    createFile(editorDoc.doc, "extra.ts", "later");
    await waitFor("the other client to see version two", () => readFile(otherDoc.doc, id) === "version two");

    viewerEvents.send(makeClientEvent("version.restore", { version_id: saved.payload.id }, { roomId, userId: members[2]!.id }));
    const refused = await viewerEvents.next("error");
    expect(refused.payload).toMatchObject({ code: "FORBIDDEN", rejected_event_type: "version.restore" });

    ownerEvents.send(makeClientEvent("version.restore", { version_id: saved.payload.id }, { roomId, userId: owner.id }));
    const restored = await viewerEvents.next("version.restored");
    expect(restored.payload).toMatchObject({ version_id: saved.payload.id, changed: 1, deleted: 1, created: 0 });
    await waitFor("both clients to show version one", () =>
      [editorDoc, otherDoc].every((c) => readFile(c.doc, id) === "version one" && !findFileByPath(c.doc, "extra.ts")),
    );

    ownerEvents.send(makeClientEvent("version.restore", { version_id: restored.payload.undo_version_id }, { roomId, userId: owner.id }));
    await waitFor("the undo to reach the other client", () => readFile(otherDoc.doc, id) === "version two" && findFileByPath(otherDoc.doc, "extra.ts"));
    const versions = await listVersions(t.db, { roomId, userId: owner.id });
    expect(versions.map((v) => v.label)).toEqual(expect.arrayContaining(["v1", "Before restoring “v1”"]));
  });

  it("records joins and per-file character counts as usage events", async () => {
    const { roomId, owner } = await createRoomWith(t.db);
    const writer = await docClient(roomId, owner.id);
    const id = createFile(writer.doc, "count.ts", "abc");
    replaceFileContent(writer.doc, id, "abXYZ");
    await new Promise((resolve) => setTimeout(resolve, 300));
    writer.destroy();
    // The usage flush runs every minute; a second sidecar's close flushes only its own, so restart this one.
    await server.sidecar.close();
    server = await startTestSidecar(t, { usage: createUsageEventSink(t.db) });
    const rows = await t.db.usageEvent.findMany({ where: { roomId } });
    const byType = (type: string) => rows.filter((r) => r.type === type).map((r) => JSON.parse(r.data) as Record<string, unknown>);
    expect(byType("collab.join")).toEqual([{ channel: "doc", role: "owner" }]);
    expect(byType("collab.edit")).toEqual([{ file_id: id, path: "count.ts", added: 3 + 3, removed: 1 }]);
    expect(byType("collab.active")).toEqual([expect.objectContaining({ minutes: expect.any(Number) })]);
  });
});
