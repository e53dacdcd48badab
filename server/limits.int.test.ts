import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { createFile, findFileByPath, readFile } from "../lib/collab/room-files";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { closeOf, DocClient, type CloseInfo } from "./test-support/clients";
import { encodeUpdate } from "./doc-messages";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { waitFor } from "./test-support/wait";

const LIMITS = { maxMessageBytes: 64 * 1024, maxMessagesPerSecond: 50, maxConnectionsPerUser: 3 };

/** Opens a socket, sends one frame once the server has sent its first message, and reports the close (or null if it stayed open). */
function sendOne(url: string, frame: Buffer | string): Promise<CloseInfo | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    let timer: NodeJS.Timeout | undefined;
    socket.once("message", () => {
      socket.send(frame, { binary: typeof frame !== "string" });
      timer = setTimeout(() => {
        socket.close();
        resolve(null);
      }, 150);
    });
    socket.on("error", () => undefined);
    socket.on("close", (code, reason) => {
      clearTimeout(timer);
      resolve(code === 1005 ? null : { code, reason: reason.toString() });
    });
  });
}

describe.each(testProviders())("limits and malformed input on %s", (provider) => {
  let t: TestDatabase;
  let server: RunningSidecar;
  let room: Awaited<ReturnType<typeof createRoomWith>>;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    server = await startTestSidecar(t, { limits: LIMITS });
    room = await createRoomWith(t.db);
    url = `${server.url}/${room.roomId}?token=${await tokenFor(room.owner.id, room.roomId)}`;
  });
  afterAll(async () => {
    await server?.sidecar.close();
    await t?.dispose();
  });

  it("survives random, truncated, corrupt and oversized frames while another room keeps working", async () => {
    const other = await createRoomWith(t.db, ["editor"]);
    const a = new DocClient(server.url, other.roomId, await tokenFor(other.owner.id, other.roomId));
    const b = new DocClient(server.url, other.roomId, await tokenFor(other.members[1]!.id, other.roomId));
    await Promise.all([a.synced(), b.synced()]);
    const fileId = createFile(a.doc, "steady.ts", "");
    await waitFor("b to see the file", () => findFileByPath(b.doc, "steady.ts"));
    const typing = setInterval(() => a.doc.getMap<Y.Text>("texts").get(fileId)?.insert(0, "x"), 20);

    const source = new Y.Doc();
    source.getText("t").insert(0, "a valid update to cut into pieces");
    const valid = Buffer.from(encodeUpdate(Y.encodeStateAsUpdate(source)));
    const frames: Buffer[] = [
      ...Array.from({ length: 60 }, (_, i) => randomBytes(1 + ((i * 37) % 300))),
      ...Array.from({ length: 20 }, (_, i) => valid.subarray(0, Math.floor((valid.length * i) / 20))),
      ...Array.from({ length: 20 }, () => Buffer.concat([valid.subarray(0, 3), randomBytes(valid.length - 3)])),
    ];
    const closes: (CloseInfo | null)[] = [];
    for (let i = 0; i < frames.length; i += 3) {
      closes.push(...(await Promise.all(frames.slice(i, i + 3).map((frame) => sendOne(url, frame)))));
    }
    for (const close of closes) if (close) expect(close.code).toBe(4400);
    expect(closes.filter((c) => c?.code === 4400).length).toBeGreaterThan(80);
    expect(await sendOne(url, "text on a binary channel")).toEqual({ code: 4400, reason: "malformed message" });
    expect((await sendOne(url, randomBytes(LIMITS.maxMessageBytes + 1)))?.code).toBe(1009);

    clearInterval(typing);
    const textOf = (c: DocClient) => readFile(c.doc, fileId);
    await waitFor("the other room to converge", () => textOf(a).length > 0 && textOf(a) === textOf(b));
    const response = await fetch(`http://127.0.0.1:${server.sidecar.port}/health`);
    expect(response.status).toBe(200);
    a.destroy();
    b.destroy();
  });

  it("closes a flooding connection with 4429 and refuses a user's connection over the limit", async () => {
    const flood = await new Promise<CloseInfo>((resolve) => {
      const socket = new WebSocket(url);
      socket.once("open", () => {
        for (let i = 0; i < 400 && socket.readyState === socket.OPEN; i++) socket.send(Buffer.from([3]));
      });
      socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    expect(flood).toEqual({ code: 4429, reason: "message rate limit exceeded" });

    const token = await tokenFor(room.owner.id, room.roomId);
    const open = Array.from({ length: LIMITS.maxConnectionsPerUser }, () => new DocClient(server.url, room.roomId, token));
    await Promise.all(open.map((c) => c.synced()));
    expect(await closeOf(url)).toEqual({ code: 4429, reason: "too many connections for this user" });
    open.forEach((c) => c.destroy());
  });

  it("serves health and Prometheus metrics", async () => {
    const health = await fetch(`http://127.0.0.1:${server.sidecar.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      checks: { db: { status: "ok" } },
      rooms_loaded: expect.any(Number),
      connections: expect.any(Number),
    });
    const metrics = await (await fetch(`http://127.0.0.1:${server.sidecar.port}/metrics`)).text();
    for (const name of [
      "collab_connections",
      "collab_rooms_loaded",
      "collab_updates_received_total",
      "collab_updates_sent_total",
      "collab_persist_duration_seconds_bucket",
      'collab_rejected_connections_total{reason="too_many_connections"}',
      'collab_closed_connections_total{reason="malformed"}',
    ]) {
      expect(metrics).toContain(name);
    }
    expect((await fetch(`http://127.0.0.1:${server.sidecar.port}/nope`)).status).toBe(404);
  });
});
