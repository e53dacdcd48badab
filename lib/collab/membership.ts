import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { canEditRoom, canManageRoom, roomRoleSchema, type RoomRole } from "./room-roles";

/** What an action needs: reading (any member), editing files, or managing the room. */
export type RoomAccess = "read" | "edit" | "manage";

/** The user's role and name in the room, or null when they are not a member (or the account is disabled). */
export async function getRoomMember(db: Db, roomId: string, userId: string): Promise<{ role: RoomRole; name: string } | null> {
  const member = await db.roomMember.findUnique({
    where: { roomId_userId: { roomId, userId } },
    select: { role: true, user: { select: { disabled: true, name: true } } },
  });
  if (!member || member.user.disabled) return null;
  return { role: roomRoleSchema.parse(member.role), name: member.user.name };
}

export async function getRoomRole(db: Db, roomId: string, userId: string): Promise<RoomRole | null> {
  return (await getRoomMember(db, roomId, userId))?.role ?? null;
}

/**
 * Returns the user's role when it allows `access`. Non-members get NOT_FOUND, never FORBIDDEN, so a
 * room's existence cannot be probed; members lacking the right get FORBIDDEN.
 */
export async function requireRoomAccess(db: Db, roomId: string, userId: string, access: RoomAccess): Promise<RoomRole> {
  const role = await getRoomRole(db, roomId, userId);
  if (!role) throw new AppError("NOT_FOUND", "No such room.");
  if (access === "edit" && !canEditRoom(role)) throw new AppError("FORBIDDEN", "Viewers cannot change this room.");
  if (access === "manage" && !canManageRoom(role)) throw new AppError("FORBIDDEN", "Only room owners can do this.");
  return role;
}
