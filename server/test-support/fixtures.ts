import { signCollabToken } from "../../lib/collab/collab-token";
import { inviteMember } from "../../lib/collab/members";
import type { RoomRole } from "../../lib/collab/room-roles";
import { createRoom } from "../../lib/collab/rooms";
import type { Db } from "../../lib/db/client";

export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";

let counter = 0;

export async function createUser(db: Db, name: string): Promise<{ id: string; email: string; name: string }> {
  counter++;
  const email = `${name.toLowerCase()}-${Date.now().toString(36)}-${counter}@example.com`;
  return db.user.create({ data: { email, name }, select: { id: true, email: true, name: true } });
}

/** A room owned by a fresh user, with one more member per requested role. */
export async function createRoomWith(db: Db, roles: RoomRole[] = []) {
  const owner = await createUser(db, "Owner");
  const room = await createRoom(db, owner.id, { name: `Room ${++counter}` });
  const members: { id: string; email: string; name: string; role: RoomRole }[] = [{ ...owner, role: "owner" }];
  for (const [i, role] of roles.entries()) {
    const user = await createUser(db, `${role}${i}`);
    if (role === "owner") {
      await inviteMember(db, owner.id, room.id, { email: user.email, role: "editor" });
      await db.roomMember.update({ where: { roomId_userId: { roomId: room.id, userId: user.id } }, data: { role: "owner" } });
    } else {
      await inviteMember(db, owner.id, room.id, { email: user.email, role });
    }
    members.push({ ...user, role });
  }
  return { roomId: room.id, owner, members };
}

export async function tokenFor(userId: string, roomId: string, role: RoomRole = "editor", options: { ttlSeconds?: number; now?: Date } = {}) {
  return (await signCollabToken(TEST_AUTH_SECRET, { userId, roomId, role }, options)).token;
}
