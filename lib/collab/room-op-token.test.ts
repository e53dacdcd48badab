import { describe, expect, it } from "vitest";
import { signCollabToken, verifyCollabToken } from "./collab-token";
import { signRoomOpToken, verifyRoomOpToken } from "./room-op-token";

const SECRET = "op-token-secret-op-token-secret-op-token-secret";
const claims = { userId: "u1", roomId: "r1", op: "write" as const };
const body = JSON.stringify({ op: "write", path: "a.ts", content: "x" });
const read = (text: string) => async () => text;

describe("room operation tokens", () => {
  it("name the user and operation for this room and exact body only", async () => {
    const token = await signRoomOpToken(SECRET, claims, body);
    expect(await verifyRoomOpToken(SECRET, token, { roomId: "r1", readBody: read(body) })).toEqual({ userId: "u1", op: "write", body });
    expect(await verifyRoomOpToken(SECRET, token, { roomId: "r1", readBody: read(`${body} `) })).toBeNull();
    expect(await verifyRoomOpToken(SECRET, token, { roomId: "r2", readBody: read(body) })).toBeNull();
    expect(await verifyRoomOpToken(`${SECRET}-other`, token, { roomId: "r1", readBody: read(body) })).toBeNull();
  });

  it("expire after a minute", async () => {
    const issued = new Date("2026-01-01T00:00:00Z");
    const token = await signRoomOpToken(SECRET, claims, body, issued);
    expect(await verifyRoomOpToken(SECRET, token, { roomId: "r1", readBody: read(body) }, new Date(issued.getTime() + 59_000))).not.toBeNull();
    expect(await verifyRoomOpToken(SECRET, token, { roomId: "r1", readBody: read(body) }, new Date(issued.getTime() + 61_000))).toBeNull();
  });

  it("read no body for a token that does not verify", async () => {
    let bodyRead = false;
    const readBody = async () => ((bodyRead = true), body);
    expect(await verifyRoomOpToken(SECRET, "not-a-token", { roomId: "r1", readBody })).toBeNull();
    expect(await verifyRoomOpToken(SECRET, await signRoomOpToken(SECRET, claims, body), { roomId: "r2", readBody })).toBeNull();
    expect(bodyRead).toBe(false);
  });

  it("never pass as collab socket tokens, nor the other way round", async () => {
    const opToken = await signRoomOpToken(SECRET, claims, body);
    expect(await verifyCollabToken(SECRET, opToken, "r1")).toMatchObject({ ok: false, reason: "invalid" });
    const socketToken = (await signCollabToken(SECRET, { userId: "u1", roomId: "r1", role: "owner" })).token;
    expect(await verifyRoomOpToken(SECRET, socketToken, { roomId: "r1", readBody: read(body) })).toBeNull();
  });
});
