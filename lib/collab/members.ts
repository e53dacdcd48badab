import { writeAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import { runSerializable, type Tx } from "../db/serializable";
import { AppError } from "../errors/app-error";
import { requireRoomAccess } from "./membership";
import { roomRoleSchema, type RoomRole } from "./room-roles";
import { changeRoleSchema, inviteMemberSchema, parseInput, type ChangeRoleInput, type InviteMemberInput } from "./room-schemas";
import type { RoomMemberView } from "./rooms";
import { emitWebhookEvent } from "../webhooks/emit";

/**
 * Runs a membership change in a serializable transaction, so two owners demoting or removing each
 * other at once cannot leave a room without an owner: the loser runs again and sees the winner's change.
 */
function inSerializable<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return runSerializable(db, work, () => new AppError("CONFLICT", "Someone changed this room's members at the same time. Try again."));
}

async function assertAnotherOwnerRemains(tx: Tx, roomId: string, leavingUserId: string): Promise<void> {
  const others = await tx.roomMember.count({ where: { roomId, role: "owner", userId: { not: leavingUserId } } });
  if (others === 0) {
    throw new AppError("CONFLICT", "A room needs at least one owner: make someone else owner first, or delete the room.");
  }
}

async function currentRole(tx: Tx, roomId: string, userId: string): Promise<RoomRole | null> {
  const member = await tx.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { role: true } });
  return member ? roomRoleSchema.parse(member.role) : null;
}

/** Adds an existing account to the room as editor or viewer (owners only). */
export async function inviteMember(db: Db, actorId: string, roomId: string, input: InviteMemberInput): Promise<RoomMemberView> {
  const { email, role } = parseInput(inviteMemberSchema, input);
  await requireRoomAccess(db, roomId, actorId, "manage");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, disabled: true } });
  if (!user || user.disabled) throw new AppError("NOT_FOUND", "No active account uses this email.");
  const added = await inSerializable(db, async (tx) => {
    if (await currentRole(tx, roomId, user.id)) throw new AppError("CONFLICT", "This person is already a member of the room.");
    const member = await tx.roomMember.create({ data: { roomId, userId: user.id, role } });
    await writeAudit(tx, { actorId, action: "room.member_added", targetType: "room", targetId: roomId, details: { userId: user.id, role } });
    return { userId: user.id, name: user.name, email: user.email, role, joinedAt: member.joinedAt };
  });
  await emitWebhookEvent(db, { type: "room.member.added", roomId, data: { roomId, userId: user.id, role, addedBy: actorId } });
  return added;
}

/** Changes a member's role, including making them owner (owners only; the last owner stays owner). */
export async function changeMemberRole(db: Db, actorId: string, roomId: string, input: ChangeRoleInput): Promise<void> {
  const { userId, role } = parseInput(changeRoleSchema, input);
  await requireRoomAccess(db, roomId, actorId, "manage");
  await inSerializable(db, async (tx) => {
    const from = await currentRole(tx, roomId, userId);
    if (!from) throw new AppError("NOT_FOUND", "This person is not a member of the room.");
    if (from === role) return;
    if (from === "owner") await assertAnotherOwnerRemains(tx, roomId, userId);
    await tx.roomMember.update({ where: { roomId_userId: { roomId, userId } }, data: { role } });
    await writeAudit(tx, { actorId, action: "room.member_role_changed", targetType: "room", targetId: roomId, details: { userId, from, to: role } });
  });
}

/** Removes a member (owners only). Their open connections close within about a second. */
export async function removeMember(db: Db, actorId: string, roomId: string, userId: string): Promise<void> {
  await requireRoomAccess(db, roomId, actorId, "manage");
  await removeMembership(db, actorId, roomId, userId, "room.member_removed");
}

/** The user leaves the room; the last owner cannot leave. */
export async function leaveRoom(db: Db, userId: string, roomId: string): Promise<void> {
  await requireRoomAccess(db, roomId, userId, "read");
  await removeMembership(db, userId, roomId, userId, "room.member_left");
}

async function removeMembership(db: Db, actorId: string, roomId: string, userId: string, action: string): Promise<void> {
  const role = await inSerializable(db, async (tx) => {
    const role = await currentRole(tx, roomId, userId);
    if (!role) throw new AppError("NOT_FOUND", "This person is not a member of the room.");
    if (role === "owner") await assertAnotherOwnerRemains(tx, roomId, userId);
    await tx.roomMember.delete({ where: { roomId_userId: { roomId, userId } } });
    await writeAudit(tx, { actorId, action, targetType: "room", targetId: roomId, details: { userId, role } });
    return role;
  });
  await emitWebhookEvent(db, { type: "room.member.removed", roomId, data: { roomId, userId, role, removedBy: actorId } });
}
