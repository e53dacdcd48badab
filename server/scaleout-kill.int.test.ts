import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hasPendingChanges } from "../lib/collab/doc-store";
import { createFile, findFileByPath, readFile } from "../lib/collab/room-files";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { DocClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { redisTestUrl } from "./test-support/redis-url";
import { freePort, SidecarProcess } from "./test-support/sidecar-harness";
import { storedDoc } from "./test-support/stored-doc";
import { Typist } from "./test-support/typist";
import { sleep, waitFor } from "./test-support/wait";

const redisUrl = redisTestUrl();
const postgres = testProviders().includes("postgresql");

async function roomsLoaded(sidecar: SidecarProcess): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${sidecar.port}/health`);
  return ((await res.json()) as { rooms_loaded: number }).rooms_loaded;
}

/**
 * Two sidecar processes on one PostgreSQL and one Redis; the one a client types through is killed
 * with SIGKILL while both clients type. Every change either sidecar applied must survive: the
 * healthy sidecar persists its peer's changes too, and the client of the dead one resends what
 * no survivor has when it reconnects.
 */
describe.skipIf(!redisUrl || !postgres)("scale-out sidecar killed (skipped without REDIS_URL and TEST_DATABASE_URL)", () => {
  let t: TestDatabase;
  let first: SidecarProcess;
  let second: SidecarProcess;
  const clients: DocClient[] = [];

  beforeAll(async () => {
    t = await createTestDatabase("postgresql");
    first = new SidecarProcess(t.target, await freePort(), { REDIS_URL: redisUrl! });
    second = new SidecarProcess(t.target, await freePort(), { REDIS_URL: redisUrl! });
    await Promise.all([first.start(), second.start()]);
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(async () => {
    await Promise.all([first?.terminate(), second?.terminate()]);
    await t?.dispose();
  });

  it("loses no token and stores no pending structs when one sidecar is killed with SIGKILL", async () => {
    const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
    const x = new DocClient(first.url, roomId, await tokenFor(owner.id, roomId));
    const y = new DocClient(second.url, roomId, await tokenFor(members[1]!.id, roomId));
    clients.push(x, y);
    await Promise.all([x.synced(), y.synced()]);
    const fileId = createFile(x.doc, "live.txt", "");
    await waitFor("y to see the file", () => findFileByPath(y.doc, "live.txt"));
    const typists = [new Typist(x, "x", fileId, 15), new Typist(y, "y", fileId, 15)];
    typists.forEach((typist) => typist.start());

    await sleep(1_000);
    await first.kill9();
    // The load balancer sends x's reconnect to the surviving sidecar.
    x.provider.serverUrl = second.url;
    await waitFor("x to resync through the second sidecar", () => x.provider.wsconnected && x.provider.synced);
    await sleep(1_000);
    typists.forEach((typist) => typist.stop());
    const textOf = (c: DocClient) => c.doc.getMap<Y.Text>("texts").get(fileId)!.toString();
    await waitFor("the clients to converge", () => textOf(x) === textOf(y));
    clients.splice(0).forEach((c) => c.destroy());
    await waitFor("the second sidecar to unload the room", async () => (await roomsLoaded(second)) === 0, 20_000);

    const stored = await storedDoc(t.db, roomId);
    const fresh = new DocClient(second.url, roomId, await tokenFor(owner.id, roomId));
    clients.push(fresh);
    await fresh.synced();
    const text = readFile(fresh.doc, fileId);
    const typed = typists.flatMap((typist) => typist.typed);
    const found = new Set(text.match(/[xy]\d+;/g) ?? []);
    const lost = typed.filter((marker) => !found.has(marker));
    expect({ lost, pendingStructs: hasPendingChanges(stored) }).toEqual({ lost: [], pendingStructs: false });
    expect(text.length).toBe(typed.join("").length);
    expect(readFile(stored, fileId)).toBe(text);
  }, 60_000);
});
