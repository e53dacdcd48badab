import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createFile, findFileByPath, readFile } from "../lib/collab/room-files";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { DocClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { freePort, SidecarProcess } from "./test-support/sidecar-harness";
import { Typist } from "./test-support/typist";
import { storedDoc } from "./test-support/stored-doc";
import { sleep, waitFor } from "./test-support/wait";

async function storedText(t: TestDatabase, roomId: string, path: string): Promise<string | null> {
  const doc = await storedDoc(t.db, roomId);
  const file = findFileByPath(doc, path);
  return file ? readFile(doc, file.id) : null;
}

describe.each(testProviders())("sidecar restarts on %s", (provider) => {
  let t: TestDatabase;
  let sidecar: SidecarProcess;
  const clients: DocClient[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    sidecar = new SidecarProcess(t.target, await freePort());
    await sidecar.start();
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(async () => {
    await sidecar?.terminate();
    await t?.dispose();
  });

  /**
   * "No character lost" means: every marker either client typed — before the crash, while the
   * sidecar was down, and after it came back — appears exactly once in both clients' final
   * documents, which are identical, and in the document the database holds afterwards. Updates
   * the killed sidecar had received but not yet written are recovered from the clients, which
   * keep them and resend what the restarted sidecar lacks during the sync handshake.
   */
  it("loses no character when the sidecar is killed with SIGKILL during continuous edits", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
    const a = new DocClient(sidecar.url, roomId, await tokenFor(owner.id, roomId));
    const b = new DocClient(sidecar.url, roomId, await tokenFor(members[1]!.id, roomId));
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    const fileId = createFile(a.doc, "live.txt", "");
    await waitFor("b to see the file", () => findFileByPath(b.doc, "live.txt"));
    const typists = [new Typist(a, "a", fileId), new Typist(b, "b", fileId)];
    typists.forEach((typist) => typist.start());

    await sleep(700);
    await sidecar.kill9();
    const typedAtCrash = typists.map((typist) => typist.typed.length);
    await sleep(300);
    await sidecar.start();
    await Promise.all([a.synced(), b.synced()]);
    await sleep(700);
    typists.forEach((typist) => typist.stop());

    expect(typists.every((typist, i) => typist.typed.length > typedAtCrash[i]!)).toBe(true);
    const all = typists.flatMap((typist) => typist.typed);
    const textOf = (c: DocClient) => c.doc.getMap<Y.Text>("texts").get(fileId)!.toString();
    const final = await waitFor("the clients to converge", () => textOf(a) === textOf(b) && textOf(a));
    const found = final.match(/[ab]\d+;/g) ?? [];
    expect(found.length).toBe(all.length);
    expect(new Set(found)).toEqual(new Set(all));
    expect(final.length).toBe(all.join("").length);
    await waitFor("the database to hold the final text", async () => (await storedText(t, roomId, "live.txt")) === final);
  });

  /**
   * The clients are gone with the sidecar, so nothing is resent: what the observer was sent must
   * come from the sidecar's journal, replayed by the restarted sidecar before it listens.
   */
  it("keeps what another client was sent when the sidecar is killed before writing it and the clients are gone", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
    const writer = new DocClient(sidecar.url, roomId, await tokenFor(owner.id, roomId));
    const observer = new DocClient(sidecar.url, roomId, await tokenFor(members[1]!.id, roomId));
    clients.push(writer, observer);
    await Promise.all([writer.synced(), observer.synced()]);
    const fileId = createFile(writer.doc, "seen.txt", "");
    await waitFor("the observer to see the file", () => findFileByPath(observer.doc, "seen.txt"));
    const typist = new Typist(writer, "w", fileId, 5);
    typist.start();
    await sleep(500);
    const seen = readFile(observer.doc, fileId);
    await sidecar.kill9();
    typist.stop();
    writer.destroy();
    observer.destroy();

    await sidecar.start();
    const stored = (await storedText(t, roomId, "seen.txt")) ?? "";
    const markers = new Set(stored.match(/w\d+;/g));
    expect((seen.match(/w\d+;/g) ?? []).filter((marker) => !markers.has(marker))).toEqual([]);
  });

  it("keeps everything across a graceful restart with no clients connected", async () => {
    const { roomId, owner } = await createRoomWith(t.db);
    const writer = new DocClient(sidecar.url, roomId, await tokenFor(owner.id, roomId));
    clients.push(writer);
    await writer.synced();
    const id = createFile(writer.doc, "notes.md", "");
    const text = writer.doc.getMap<Y.Text>("texts").get(id)!;
    for (let i = 0; i < 50; i++) text.insert(text.length, `line ${i}\n`);
    const expected = text.toString();
    await waitFor("the sidecar to have everything", async () => (await storedText(t, roomId, "notes.md")) === expected);
    writer.destroy();

    expect(await sidecar.terminate()).toBe(0);
    await sidecar.start();
    const reader = new DocClient(sidecar.url, roomId, await tokenFor(owner.id, roomId));
    clients.push(reader);
    await reader.synced();
    const file = findFileByPath(reader.doc, "notes.md");
    expect(file && readFile(reader.doc, file.id)).toBe(expected);
  });
});
