import { z } from "zod";

/** A member's role in one room: owners manage the room, editors edit files, viewers only read. */
export const roomRoleSchema = z.enum(["owner", "editor", "viewer"]);
export type RoomRole = z.infer<typeof roomRoleSchema>;

/** Roles an owner may hand out by invitation or role change (ownership is given with changeRole). */
export const invitableRoleSchema = z.enum(["editor", "viewer"]);
export type InvitableRole = z.infer<typeof invitableRoleSchema>;

export function canManageRoom(role: RoomRole): boolean {
  return role === "owner";
}

export function canEditRoom(role: RoomRole): boolean {
  return role === "owner" || role === "editor";
}
