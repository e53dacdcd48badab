import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { makeClientEvent } from "../lib/collab/events";
import { createFile, findFileByPath, readFile } from "../lib/collab/room-files";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { DocClient, EventsClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { redisTestUrl } from "./test-support/redis-url";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { sleep, waitFor } from "./test-support/wait";

const redisUrl = redisTestUrl();

/** Every (client, clock) unit of Yjs content stored in the update log, once per row that holds it. */
async function storedRanges(t: TestDatabase, roomId: string): Promise<string[]> {
  const rows = await t.db.collabUpdate.findMany({ where: { roomId }, select: { update: true } });
  return rows.flatMap(({ update }) => {
    const meta = Y.parseUpdateMeta(update);
    return [...meta.to].flatMap(([client, to]) => {
      const from = meta.from.get(client) ?? 0;
      return Array.from({ length: to - from }, (_, i) => `${client}:${from + i}`);
    });
  });
}

describe.skipIf(!redisUrl)("scale-out through Redis (skipped when REDIS_URL is not set)", () => {
  describe.each(testProviders())("two sidecars on %s", (provider) => {
    let t: TestDatabase;
    let first: RunningSidecar;
    let second: RunningSidecar;
    const closeables: { destroy: () => void }[] = [];
    const prefix = `eca:test:${randomUUID()}`;
    const docClient = async (server: RunningSidecar, roomId: string, userId: string) => {
      const c = new DocClient(server.url, roomId, await tokenFor(userId, roomId));
      closeables.push(c);
      await c.synced();
      return c;
    };

    beforeAll(async () => {
      t = await createTestDatabase(provider);
      first = await startTestSidecar(t, { redisUrl, redisChannelPrefix: prefix });
      second = await startTestSidecar(t, { redisUrl, redisChannelPrefix: prefix });
    });
    afterEach(() => {
      closeables.splice(0).forEach((c) => c.destroy());
    });
    afterAll(async () => {
      await first?.sidecar.close();
      await second?.sidecar.close();
      await t?.dispose();
    });

    it("converges clients on different sidecars, each update persisted by both sidecars", async () => {
      const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
      const a = await docClient(first, roomId, owner.id);
      const b = await docClient(second, roomId, members[1]!.id);
      const id = createFile(a.doc, "shared.ts", "");
      await waitFor("b to see the file", () => findFileByPath(b.doc, "shared.ts"));
      const textA = a.doc.getMap<Y.Text>("texts").get(id)!;
      const textB = b.doc.getMap<Y.Text>("texts").get(id)!;
      for (let i = 0; i < 30; i++) {
        textA.insert(0, "a");
        textB.insert(textB.length, "b");
        await sleep(5);
      }
      const final = await waitFor("convergence", () => textA.toString() === textB.toString() && textA.toString());
      expect(final).toMatch(/^(?=(?:[^a]*a){30}[^a]*$)(?=(?:[^b]*b){30}[^b]*$)[ab]{60}$/);
      a.provider.awareness.setLocalStateField("user", { name: "Ada" });
      await waitFor("awareness to cross sidecars", () => b.provider.awareness.getStates().has(a.doc.clientID));
      // Two items for the new file (its text and its path), then one per character; each sidecar stores its own copy.
      const stored = await waitFor("both sidecars to persist", async () => {
        const ranges = await storedRanges(t, roomId);
        return ranges.length >= 2 * 62 && ranges;
      });
      await sleep(300);
      expect(await storedRanges(t, roomId)).toHaveLength(2 * 62);
      expect(new Set(stored).size).toBe(62);
    });

    it("lets a sidecar that loads a room late catch up on changes not yet in the database", async () => {
      const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
      // This sidecar writes rarely, so the late one can only learn the new file from its peer. Writes
      // are aligned to multiples of the batch window on the clock: with 5 s, one run in fifty wrote
      // within the 100 ms below; with an hour, about one in 36,000.
      const slowWriter = await startTestSidecar(t, { redisUrl, redisChannelPrefix: prefix, timing: { persistBatchMs: 3_600_000 } });
      const early = await docClient(slowWriter, roomId, owner.id);
      createFile(early.doc, "fresh.ts", "typed a moment ago");
      await sleep(100);
      expect(await t.db.collabUpdate.count({ where: { roomId } })).toBe(0);
      const late = await docClient(first, roomId, members[1]!.id);
      const file = await waitFor("the late client to see unsaved content", () => findFileByPath(late.doc, "fresh.ts"));
      expect(readFile(late.doc, file.id)).toBe("typed a moment ago");
      early.destroy();
      await slowWriter.sidecar.close();
    });

    it("resynchronises a sidecar that lost its Redis connection and missed updates", async () => {
      const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
      const a = await docClient(first, roomId, owner.id);
      const b = await docClient(second, roomId, members[1]!.id);
      const id = createFile(a.doc, "gap.ts", "");
      await waitFor("b to see the file", () => findFileByPath(b.doc, "gap.ts"));
      const admin = new Redis(redisUrl!);
      try {
        const clients = (await admin.client("LIST")) as string;
        const ids = clients
          .split("\n")
          .filter((line) => line.includes(`name=collab-${second.sidecar.instanceId}`))
          .map((line) => /id=(\d+)/.exec(line)?.[1]);
        expect(ids).toHaveLength(2);
        for (const clientId of ids) await admin.client("KILL", "ID", clientId!);
        a.doc.getMap<Y.Text>("texts").get(id)!.insert(0, "typed while the second sidecar was cut off");
      } finally {
        admin.disconnect();
      }
      await waitFor("the missed update to arrive after the reconnect", () => readFile(b.doc, id) === "typed while the second sidecar was cut off");
    });

    it("delivers chat and presence across sidecars", async () => {
      const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
      const onFirst = await EventsClient.open(first.url, roomId, await tokenFor(owner.id, roomId));
      const onSecond = await EventsClient.open(second.url, roomId, await tokenFor(members[1]!.id, roomId));
      closeables.push({ destroy: () => onFirst.end() }, { destroy: () => onSecond.end() });
      await onSecond.next("presence.summary", (e) => e.payload.users.some((u) => u.user_id === owner.id));
      onFirst.send(makeClientEvent("chat.send", { body: "across the wire" }, { roomId, userId: owner.id }));
      const message = await onSecond.next("chat.message");
      expect(message.payload.body).toBe("across the wire");
      await sleep(200);
      expect(onSecond.events.filter((e) => e.event_type === "chat.message")).toHaveLength(1);
    });
  });
});
