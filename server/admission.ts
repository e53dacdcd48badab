import { verifyCollabToken, type CollabTokenFailure } from "../lib/collab/collab-token";
import { getRoomMember } from "../lib/collab/membership";
import type { Db } from "../lib/db/client";
import { CLOSE, type CloseCode, type CloseReason } from "./close-codes";
import type { ConnectionIdentity } from "./connection";
import type { SocketRoute } from "./socket-route";

export type Admission =
  | { ok: true; identity: ConnectionIdentity }
  | { ok: false; code: CloseCode; reason: string; metric: CloseReason };

const TOKEN_FAILURES: Record<CollabTokenFailure, { code: CloseCode; reason: string; metric: CloseReason }> = {
  missing: { code: CLOSE.unauthorized, reason: "token missing", metric: "token_missing" },
  invalid: { code: CLOSE.unauthorized, reason: "token invalid", metric: "token_invalid" },
  expired: { code: CLOSE.unauthorized, reason: "token expired", metric: "token_expired" },
  wrong_room: { code: CLOSE.forbidden, reason: "token is for another room", metric: "token_wrong_room" },
};

/**
 * Decides whether a socket may join its room: a valid room token for this room, and a current
 * membership in the database (the token's role is not trusted; the database's is used).
 */
export async function admit(route: SocketRoute, deps: { db: Db; authSecret: string }): Promise<Admission> {
  const token = await verifyCollabToken(deps.authSecret, route.token, route.roomId);
  if (!token.ok) return { ok: false, ...TOKEN_FAILURES[token.reason] };
  const member = await getRoomMember(deps.db, route.roomId, token.claims.userId);
  if (!member) return { ok: false, code: CLOSE.forbidden, reason: "not a member of this room", metric: "not_member" };
  return {
    ok: true,
    identity: { userId: token.claims.userId, userName: member.name, roomId: route.roomId, role: member.role },
  };
}
