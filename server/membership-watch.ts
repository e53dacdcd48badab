import { makeServerEvent } from "../lib/collab/events";
import { roomRoleSchema } from "../lib/collab/room-roles";
import type { Db } from "../lib/db/client";
import { CLOSE } from "./close-codes";
import type { Room } from "./room";

/**
 * Applies membership changes to open connections (the sidecar runs it about every second): removed
 * members, disabled accounts and deleted rooms are disconnected with 4403; a changed role applies
 * at once (a viewer's document changes are dropped from then on) and the user is told on their
 * event sockets. Connections admitted after the query started are left alone.
 */
export async function applyMembershipChanges(db: Db, rooms: Room[]): Promise<void> {
  const active = rooms.filter((room) => !room.idle);
  if (active.length === 0) return;
  const startedAt = Date.now();
  const rows = await db.roomMember.findMany({
    where: { roomId: { in: active.map((room) => room.id) } },
    select: { roomId: true, userId: true, role: true, user: { select: { disabled: true } } },
  });
  const members = new Map(rows.map((row) => [`${row.roomId}\u0000${row.userId}`, row]));
  for (const room of active) {
    const notified = new Set<string>();
    let changed = false;
    for (const conn of room.connections()) {
      const identity = conn.identity;
      if (!identity || conn.closed || conn.admittedAt > startedAt) continue;
      const member = members.get(`${room.id}\u0000${identity.userId}`);
      if (!member || member.user.disabled) {
        conn.close(CLOSE.forbidden, "no longer a member of this room", "membership_revoked");
        continue;
      }
      const role = roomRoleSchema.parse(member.role);
      if (role === identity.role) continue;
      identity.role = role;
      changed = true;
      if (notified.has(identity.userId)) continue;
      notified.add(identity.userId);
      const message = role === "viewer" ? "You can now only view this room." : `You are now ${role === "owner" ? "an owner" : "an editor"} of this room.`;
      room.notifyUser(
        identity.userId,
        makeServerEvent("notification", { level: "info", code: "role_changed", message }, { roomId: room.id, userId: null }),
      );
    }
    if (changed) room.localPresenceChanged();
  }
}
