import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { makeClientEvent } from "../lib/collab/events";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { EventsClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { redisTestUrl } from "./test-support/redis-url";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { waitFor } from "./test-support/wait";

const LIMIT = 20;
const SOCKETS = 5;
const PER_SOCKET = 100;
const redisUrl = redisTestUrl();

/**
 * One user floods room chat from SOCKETS sockets (spread over the given sidecars): exactly LIMIT
 * messages are stored, every other one is answered RATE_LIMITED on its own socket, and another
 * member of the room can still chat.
 */
async function flood(t: TestDatabase, servers: RunningSidecar[], opened: EventsClient[]) {
  const { roomId, owner, members } = await createRoomWith(t.db, ["editor"]);
  const other = members[1]!;
  const sockets: EventsClient[] = [];
  for (let i = 0; i < SOCKETS; i++) {
    const client = await EventsClient.open(servers[i % servers.length]!.url, roomId, await tokenFor(owner.id, roomId));
    opened.push(client);
    sockets.push(client);
  }
  sockets.forEach((socket, s) => {
    for (let i = 0; i < PER_SOCKET; i++) socket.send(makeClientEvent("chat.send", { body: `flood ${s}-${i}` }, { roomId, userId: owner.id }));
  });
  const refusals = () =>
    sockets.flatMap((socket) => socket.events.filter((e) => e.event_type === "error" && e.payload.code === "RATE_LIMITED")).length;
  const stored = () => t.db.roomChatMessage.count({ where: { roomId, userId: owner.id } });
  await waitFor("every message answered", async () => refusals() + (await stored()) === SOCKETS * PER_SOCKET, 20_000);
  expect(await stored()).toBe(LIMIT);
  expect(refusals()).toBe(SOCKETS * PER_SOCKET - LIMIT);
  const bystander = await EventsClient.open(servers[0]!.url, roomId, await tokenFor(other.id, roomId));
  opened.push(bystander);
  bystander.send(makeClientEvent("chat.send", { body: "I can still talk" }, { roomId, userId: other.id }));
  await bystander.next("chat.message", (e) => e.payload.body === "I can still talk");
}

describe.each(testProviders())("room chat per-user limit on %s", (provider) => {
  let t: TestDatabase;
  const servers: RunningSidecar[] = [];
  const opened: EventsClient[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterEach(async () => {
    opened.splice(0).forEach((c) => c.end());
    await Promise.all(servers.splice(0).map((s) => s.sidecar.close()));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("holds across the user's sockets on one sidecar (in memory)", async () => {
    servers.push(await startTestSidecar(t, { limits: { chatMessagesPerMinute: LIMIT } }));
    await flood(t, servers, opened);
  });

  it.skipIf(!redisUrl)("holds across two sidecars sharing Redis", async () => {
    const redisChannelPrefix = `eca:test:${randomUUID()}`;
    for (let i = 0; i < 2; i++) servers.push(await startTestSidecar(t, { limits: { chatMessagesPerMinute: LIMIT }, redisUrl, redisChannelPrefix }));
    await flood(t, servers, opened);
  });
});
