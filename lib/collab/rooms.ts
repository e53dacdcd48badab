import { writeAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import { requireRoomAccess } from "./membership";
import { roomRoleSchema, type RoomRole } from "./room-roles";
import { createRoomSchema, parseInput, updateRoomSchema, type CreateRoomInput, type UpdateRoomInput } from "./room-schemas";
import type { RoomPage } from "./rooms-api-schemas";

export interface RoomSummary {
  id: string;
  name: string;
  description: string;
  /** The asking user's role in the room. */
  role: RoomRole;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RoomMemberView {
  userId: string;
  name: string;
  email: string;
  role: RoomRole;
  joinedAt: Date;
}

export interface RoomDetails extends RoomSummary {
  createdBy: string | null;
  members: RoomMemberView[];
}

/** Creates a room; its creator becomes its first owner. */
export async function createRoom(db: Db, actorId: string, input: CreateRoomInput): Promise<RoomSummary> {
  const data = parseInput(createRoomSchema, input);
  const room = await db.$transaction(async (tx) => {
    const created = await tx.room.create({
      data: { ...data, createdBy: actorId, members: { create: { userId: actorId, role: "owner" } } },
    });
    await writeAudit(tx, { actorId, action: "room.created", targetType: "room", targetId: created.id, details: { name: data.name } });
    return created;
  });
  return { ...pickRoom(room), role: "owner", memberCount: 1 };
}

/** The rooms the user belongs to, most recently changed first. */
export async function listRoomsForUser(db: Db, userId: string): Promise<RoomSummary[]> {
  const memberships = await db.roomMember.findMany({
    where: { userId },
    include: { room: { include: { _count: { select: { members: true } } } } },
    orderBy: { room: { updatedAt: "desc" } },
  });
  return memberships.map((m) => ({
    ...pickRoom(m.room),
    role: roomRoleSchema.parse(m.role),
    memberCount: m.room._count.members,
  }));
}

/**
 * One page of the user's rooms as the API lists them, most recently changed first; `cursor` is the
 * last room id of the previous page.
 */
export async function listRoomsPage(db: Db, userId: string, query: { cursor?: string; limit: number }): Promise<RoomPage> {
  const memberships = await db.roomMember.findMany({
    where: { userId },
    include: { room: true },
    orderBy: [{ room: { updatedAt: "desc" } }, { roomId: "asc" }],
    take: query.limit + 1,
    ...(query.cursor && { cursor: { roomId_userId: { roomId: query.cursor, userId } }, skip: 1 }),
  });
  const items = memberships.slice(0, query.limit).map((m) => ({
    ...pickRoom(m.room),
    role: roomRoleSchema.parse(m.role),
    createdAt: m.room.createdAt.toISOString(),
    updatedAt: m.room.updatedAt.toISOString(),
  }));
  return { items, nextCursor: memberships.length > query.limit ? items[items.length - 1]!.id : null };
}

/** A room with its members, for one of its members; anyone else gets NOT_FOUND. */
export async function getRoomForMember(db: Db, roomId: string, userId: string): Promise<RoomDetails> {
  const role = await requireRoomAccess(db, roomId, userId, "read");
  const room = await db.room.findUniqueOrThrow({
    where: { id: roomId },
    include: { members: { include: { user: { select: { name: true, email: true } } }, orderBy: { joinedAt: "asc" } } },
  });
  const members = room.members.map((m) => ({
    userId: m.userId,
    name: m.user.name,
    email: m.user.email,
    role: roomRoleSchema.parse(m.role),
    joinedAt: m.joinedAt,
  }));
  return { ...pickRoom(room), role, memberCount: members.length, createdBy: room.createdBy, members };
}

/** Renames a room or changes its description (owners only). */
export async function updateRoom(db: Db, actorId: string, roomId: string, input: UpdateRoomInput): Promise<void> {
  const data = parseInput(updateRoomSchema, input);
  await requireRoomAccess(db, roomId, actorId, "manage");
  await db.$transaction(async (tx) => {
    await tx.room.update({ where: { id: roomId }, data });
    await writeAudit(tx, { actorId, action: "room.updated", targetType: "room", targetId: roomId, details: data });
  });
}

/**
 * Deletes a room with its members, document, chat and versions (owners only). Connected clients
 * are closed by the sidecar's membership check within about a second.
 */
export async function deleteRoom(db: Db, actorId: string, roomId: string): Promise<void> {
  await requireRoomAccess(db, roomId, actorId, "manage");
  await db.$transaction(async (tx) => {
    const room = await tx.room.delete({ where: { id: roomId } });
    await writeAudit(tx, { actorId, action: "room.deleted", targetType: "room", targetId: roomId, details: { name: room.name } });
  });
}

function pickRoom(room: { id: string; name: string; description: string; createdAt: Date; updatedAt: Date }) {
  return { id: room.id, name: room.name, description: room.description, createdAt: room.createdAt, updatedAt: room.updatedAt };
}
