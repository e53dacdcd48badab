import { hkdfSync } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { COLLAB_TOKEN_MAX_TTL_SECONDS, mintCollabToken, signCollabToken, verifyCollabToken } from "./collab-token";

const SECRET = "unit-secret-unit-secret-unit-secret-unit-secret";
const claims = { userId: "u1", roomId: "r1", role: "editor" as const };

function fakeDb(member: { role: string; disabled: boolean } | null): Db {
  const row = member && { role: member.role, user: { disabled: member.disabled, name: "U" } };
  return { roomMember: { findUnique: async () => row } } as unknown as Db;
}

describe("collab tokens", () => {
  it("signs HS256 tokens of at most ten minutes and verifies them for their room", async () => {
    const { token, expiresAt } = await signCollabToken(SECRET, claims, { ttlSeconds: 3600 });
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({ sub: "u1", room: "r1", role: "editor" });
    expect(payload.exp! - payload.iat!).toBe(COLLAB_TOKEN_MAX_TTL_SECONDS);
    expect(expiresAt.getTime()).toBe(payload.exp! * 1000);
    expect(await verifyCollabToken(SECRET, token, "r1")).toMatchObject({ ok: true, claims });
  });

  it("names why a token fails", async () => {
    const { token } = await signCollabToken(SECRET, claims);
    const reason = async (t: string | null, room = "r1", now?: Date) => {
      const result = await verifyCollabToken(SECRET, t, room, { now });
      return result.ok ? "ok" : result.reason;
    };
    expect(await reason(null)).toBe("missing");
    expect(await reason("")).toBe("missing");
    expect(await reason("abc.def.ghi")).toBe("invalid");
    expect(await reason(token.slice(0, -2) + (token.endsWith("A") ? "BB" : "AA"))).toBe("invalid");
    expect(await reason((await signCollabToken("other-secret-other-secret-other-secret-00", claims)).token)).toBe("invalid");
    expect(await reason(token, "r2")).toBe("wrong_room");
    expect(await reason(token, "r1", new Date(Date.now() + 11 * 60_000))).toBe("expired");
  });

  it("refuses tokens that claim a longer life or lack claims, even when correctly signed", async () => {
    const key = hkdfSync("sha256", SECRET, "eca", "collab-token-v1", 32);
    const now = Math.floor(Date.now() / 1000);
    const long = await new SignJWT({ room: "r1", role: "editor" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u1")
      .setAudience("eca-collab")
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(new Uint8Array(key));
    expect(await verifyCollabToken(SECRET, long, "r1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("mints only for active members, with their current role", async () => {
    expect((await mintCollabToken(fakeDb({ role: "viewer", disabled: false }), SECRET, claims)).role).toBe("viewer");
    await expect(mintCollabToken(fakeDb(null), SECRET, claims)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mintCollabToken(fakeDb({ role: "owner", disabled: true }), SECRET, claims)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
