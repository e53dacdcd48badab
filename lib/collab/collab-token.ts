import { hkdfSync } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { Db } from "../db/client";
import { requireRoomAccess } from "./membership";
import { roomRoleSchema, type RoomRole } from "./room-roles";

/**
 * Short-lived tokens that let a browser open a room's WebSocket on the collab sidecar. HS256,
 * keyed by a key derived from the app's auth secret (so a collab token can never pass as a
 * next-auth session token and the other way round). A token only opens connections: the sidecar
 * re-checks membership in the database at connect and every second afterwards.
 */
export const COLLAB_TOKEN_MAX_TTL_SECONDS = 600;
const AUDIENCE = "eca-collab";

export interface CollabTokenClaims {
  userId: string;
  roomId: string;
  role: RoomRole;
}

export type CollabTokenFailure = "missing" | "invalid" | "expired" | "wrong_room";

export type CollabTokenResult = { ok: true; claims: CollabTokenClaims; expiresAt: Date } | { ok: false; reason: CollabTokenFailure };

const payloadSchema = z.object({
  sub: z.string().min(1),
  room: z.string().min(1),
  role: roomRoleSchema,
  iat: z.number(),
  exp: z.number(),
});

/** The HS256 key of collab tokens and room operation tokens (they differ by audience). */
export function collabSigningKey(authSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", authSecret, "eca", "collab-token-v1", 32));
}

export async function signCollabToken(
  authSecret: string,
  claims: CollabTokenClaims,
  options: { ttlSeconds?: number; now?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const ttl = Math.min(options.ttlSeconds ?? COLLAB_TOKEN_MAX_TTL_SECONDS, COLLAB_TOKEN_MAX_TTL_SECONDS);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = issuedAt + ttl;
  const token = await new SignJWT({ room: claims.roomId, role: claims.role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(exp)
    .sign(collabSigningKey(authSecret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Mints a token for a member of the room; anyone else gets NOT_FOUND. */
export async function mintCollabToken(
  db: Db,
  authSecret: string,
  request: { userId: string; roomId: string },
  options: { ttlSeconds?: number; now?: Date } = {},
): Promise<{ token: string; expiresAt: Date; role: RoomRole }> {
  const role = await requireRoomAccess(db, request.roomId, request.userId, "read");
  const signed = await signCollabToken(authSecret, { ...request, role }, options);
  return { ...signed, role };
}

/** Verifies a token for the room it is presented to. */
export async function verifyCollabToken(
  authSecret: string,
  token: string | null | undefined,
  roomId: string,
  options: { now?: Date } = {},
): Promise<CollabTokenResult> {
  if (!token) return { ok: false, reason: "missing" };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, collabSigningKey(authSecret), {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      currentDate: options.now,
    }));
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success || parsed.data.exp - parsed.data.iat > COLLAB_TOKEN_MAX_TTL_SECONDS) {
    return { ok: false, reason: "invalid" };
  }
  if (parsed.data.room !== roomId) return { ok: false, reason: "wrong_room" };
  return {
    ok: true,
    claims: { userId: parsed.data.sub, roomId: parsed.data.room, role: parsed.data.role },
    expiresAt: new Date(parsed.data.exp * 1000),
  };
}
