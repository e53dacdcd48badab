import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { collabSigningKey } from "./collab-token";
import { roomOpKindSchema, type RoomOpKind } from "./room-ops";

/**
 * Tokens with which the web app asks the collab sidecar to change a room on a user's behalf. Signed
 * with the collab tokens' key but for another audience (neither passes as the other), valid for a
 * minute, and bound to the user, the room, the kind of operation and the exact request body (a
 * token seen in transit cannot carry other content). The sidecar still checks the membership.
 */
const AUDIENCE = "eca-collab-op";
export const ROOM_OP_TOKEN_TTL_SECONDS = 60;

export interface RoomOpClaims {
  userId: string;
  roomId: string;
  op: RoomOpKind;
}

const payloadSchema = z.object({
  sub: z.string().min(1),
  room: z.string().min(1),
  op: roomOpKindSchema,
  body: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});

export function bodyDigest(body: string): string {
  return createHash("sha256").update(body).digest("base64url");
}

export async function signRoomOpToken(authSecret: string, claims: RoomOpClaims, body: string, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ room: claims.roomId, op: claims.op, body: bodyDigest(body) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ROOM_OP_TOKEN_TTL_SECONDS)
    .sign(collabSigningKey(authSecret));
}

/**
 * The user a token acts for and the request body, when the token is valid for this room and this
 * exact body; null otherwise. The body is read only after the signature checks out, so a caller
 * without a token cannot make the sidecar buffer a large body.
 */
export async function verifyRoomOpToken(
  authSecret: string,
  token: string,
  expected: { roomId: string; readBody: () => Promise<string> },
  now?: Date,
): Promise<{ userId: string; op: RoomOpKind; body: string } | null> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, collabSigningKey(authSecret), { algorithms: ["HS256"], audience: AUDIENCE, currentDate: now }));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success || parsed.data.exp - parsed.data.iat > ROOM_OP_TOKEN_TTL_SECONDS || parsed.data.room !== expected.roomId) return null;
  const body = await expected.readBody();
  if (parsed.data.body !== bodyDigest(body)) return null;
  return { userId: parsed.data.sub, op: parsed.data.op, body };
}
