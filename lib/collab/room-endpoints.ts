import { requireScope, type Principal } from "../auth/principal";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { idSchema, parseInput } from "../forms/input";
import { changeMemberRole, inviteMember, removeMember } from "./members";
import { roomIdOf } from "./room-file-endpoints";
import { createRoom, getRoomForMember, type RoomDetails } from "./rooms";
import {
  changeRoleBodySchema,
  createRoomBodySchema,
  inviteMemberBodySchema,
  type MemberItem,
  type RoomDetailsItem,
  type RoomItem,
} from "./rooms-api-schemas";

/**
 * Rooms and their members in REST API v1: the scope, then the same domain functions (and their
 * permission rules) as the pages use.
 */

function toItem(room: Pick<RoomDetails, "id" | "name" | "description" | "role" | "createdAt" | "updatedAt">): RoomItem {
  const { id, name, description, role } = room;
  return { id, name, description, role, createdAt: room.createdAt.toISOString(), updatedAt: room.updatedAt.toISOString() };
}

function membersOf(room: RoomDetails): MemberItem[] {
  return room.members.map(({ userId, email, name, role }) => ({ userId, email, name, role }));
}

function userIdOf(userId: string): string {
  const parsed = idSchema.safeParse(userId);
  if (!parsed.success) throw new AppError("NOT_FOUND", "This person is not a member of the room.");
  return parsed.data;
}

/** POST /api/v1/rooms `{name, description?}`: the caller becomes its owner. */
export async function createRoomEndpoint(db: Db, principal: Principal, body: unknown): Promise<RoomItem> {
  requireScope(principal, "rooms:write");
  return toItem(await createRoom(db, principal.user.id, parseInput(createRoomBodySchema, body)));
}

/** GET /api/v1/rooms/:roomId: the room with its members (members only). */
export async function getRoomEndpoint(db: Db, principal: Principal, roomId: string): Promise<RoomDetailsItem> {
  requireScope(principal, "rooms:read");
  const room = await getRoomForMember(db, roomIdOf(roomId), principal.user.id);
  return { ...toItem(room), members: membersOf(room) };
}

/** GET /api/v1/rooms/:roomId/members */
export async function listMembersEndpoint(db: Db, principal: Principal, roomId: string): Promise<{ items: MemberItem[] }> {
  requireScope(principal, "rooms:read");
  return { items: membersOf(await getRoomForMember(db, roomIdOf(roomId), principal.user.id)) };
}

/** POST /api/v1/rooms/:roomId/members `{email, role}`: adds an existing account (owners only). */
export async function addMemberEndpoint(db: Db, principal: Principal, roomId: string, body: unknown): Promise<MemberItem> {
  requireScope(principal, "rooms:write");
  const member = await inviteMember(db, principal.user.id, roomIdOf(roomId), parseInput(inviteMemberBodySchema, body));
  return { userId: member.userId, email: member.email, name: member.name, role: member.role };
}

/** PATCH /api/v1/rooms/:roomId/members/:userId `{role}` (owners only; a room keeps at least one owner). */
export async function changeMemberRoleEndpoint(db: Db, principal: Principal, roomId: string, userId: string, body: unknown): Promise<MemberItem> {
  requireScope(principal, "rooms:write");
  const room = roomIdOf(roomId);
  const member = userIdOf(userId);
  await changeMemberRole(db, principal.user.id, room, { userId: member, ...parseInput(changeRoleBodySchema, body) });
  const changed = membersOf(await getRoomForMember(db, room, principal.user.id)).find((m) => m.userId === member);
  if (!changed) throw new AppError("NOT_FOUND", "This person is not a member of the room.");
  return changed;
}

/** DELETE /api/v1/rooms/:roomId/members/:userId (owners only; their open editors close within a second). */
export async function removeMemberEndpoint(db: Db, principal: Principal, roomId: string, userId: string): Promise<void> {
  requireScope(principal, "rooms:write");
  await removeMember(db, principal.user.id, roomIdOf(roomId), userIdOf(userId));
}
