import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { AppError } from "../errors/app-error";
import { listChatMessages, postChatMessage } from "./chat";
import { appendUpdates } from "./doc-store";
import { inviteMember } from "./members";
import { exportRoomZip } from "./room-export";
import { createFile } from "./room-files";
import { createRoom } from "./rooms";
import { MAX_AUTO_VERSIONS } from "./version-store";
import { getVersion, getVersionFiles, listVersions, saveCheckpoint, saveVersion } from "./versions";

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((err) => err instanceof AppError && err.code === code);
}

describe.each(testProviders())("versions and chat on %s", (provider) => {
  let t: TestDatabase;
  let owner: string;
  let viewer: string;
  let outsider: string;
  let roomId: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const make = (email: string) => t.db.user.create({ data: { email, name: email.split("@")[0]! } }).then((u) => u.id);
    [owner, viewer, outsider] = await Promise.all([make("own@example.com"), make("view@example.com"), make("out@example.com")]);
    roomId = (await createRoom(t.db, owner, { name: "History" })).id;
    await inviteMember(t.db, owner, roomId, { email: "view@example.com", role: "viewer" });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("saves labelled versions from the stored document and reads their files back", async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    createFile(doc, "src/a.ts", "export const a = 1;\n");
    createFile(doc, "README.md", "# Hi");
    await appendUpdates(t.db, roomId, updates.splice(0));

    const version = await saveVersion(t.db, { roomId, userId: owner, label: " First cut " });
    expect(version).toMatchObject({ label: "First cut", auto: false, author: { id: owner } });
    await expectCode(saveVersion(t.db, { roomId, userId: viewer, label: "nope" }), "FORBIDDEN");
    await expectCode(saveVersion(t.db, { roomId, userId: outsider, label: "nope" }), "NOT_FOUND");
    await expectCode(saveVersion(t.db, { roomId, userId: owner, label: "" }), "VALIDATION_FAILED");

    const files = await getVersionFiles(t.db, { roomId, userId: viewer, versionId: version.id });
    expect(files).toEqual([
      { path: "README.md", content: "# Hi" },
      { path: "src/a.ts", content: "export const a = 1;\n" },
    ]);
    const zip = await JSZip.loadAsync(await exportRoomZip(t.db, { roomId, userId: viewer, folder: "room" }));
    const zipped = await Promise.all(files.map(async (f) => ({ path: f.path, content: await zip.file(`room/${f.path}`)?.async("string") })));
    expect(zipped).toEqual(files);
    await expectCode(exportRoomZip(t.db, { roomId, userId: outsider, folder: "room" }), "NOT_FOUND");
    await expectCode(getVersion(t.db, { roomId, userId: outsider, versionId: version.id }), "NOT_FOUND");
    const otherRoom = await createRoom(t.db, owner, { name: "Other" });
    await expectCode(getVersion(t.db, { roomId: otherRoom.id, userId: owner, versionId: version.id }), "NOT_FOUND");
  });

  it("keeps only the newest automatic checkpoints and lists versions newest first", async () => {
    const state = Y.encodeStateAsUpdate(new Y.Doc());
    for (let i = 0; i < MAX_AUTO_VERSIONS + 3; i++) {
      await saveCheckpoint(t.db, { roomId, state, label: `auto ${i}` });
    }
    const versions = await listVersions(t.db, { roomId, userId: viewer });
    expect(versions.filter((v) => v.auto)).toHaveLength(MAX_AUTO_VERSIONS);
    expect(versions.filter((v) => !v.auto).map((v) => v.label)).toEqual(["First cut"]);
    expect(versions.map((v) => v.label)).not.toContain("auto 0");
    const times = versions.map((v) => v.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("pages chat newest first with a cursor, for members only", async () => {
    for (let i = 0; i < 7; i++) await postChatMessage(t.db, { roomId, userId: i % 2 ? viewer : owner, body: `message ${i}` });
    await expectCode(postChatMessage(t.db, { roomId, userId: outsider, body: "hi" }), "NOT_FOUND");
    await expectCode(postChatMessage(t.db, { roomId, userId: owner, body: "   " }), "VALIDATION_FAILED");
    const bodies: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listChatMessages(t.db, { roomId, userId: viewer, before: cursor, limit: 3 });
      expect(page.messages.length).toBeLessThanOrEqual(3);
      bodies.push(...page.messages.map((m) => m.body));
      cursor = page.nextCursor;
    } while (cursor);
    expect(bodies).toEqual(Array.from({ length: 7 }, (_, i) => `message ${6 - i}`));
    await expectCode(listChatMessages(t.db, { roomId, userId: owner, before: "garbage" }), "VALIDATION_FAILED");
    await expectCode(listChatMessages(t.db, { roomId, userId: outsider }), "NOT_FOUND");
  });
});
