import { mintCollabToken } from "../../../lib/collab/collab-token";
import type { RoomRole } from "../../../lib/collab/room-roles";
import type { Db } from "../../../lib/db/client";
import { createRoomWith } from "../../../server/test-support/fixtures";
import type { Scenario } from "../scenarios";

/**
 * The scenario's rooms in our database, as the integration tests make them: a room created by its
 * owner (lib/collab createRoom), one account per client, invited with lib/collab inviteMember
 * (writers as editors, the others as viewers), and a token per client from mintCollabToken. Client
 * 0 of each room is the owner.
 */
export async function createOurRooms(db: Db, authSecret: string, scenario: Scenario): Promise<{ room: string; tokens: string[] }[]> {
  const rooms: { room: string; tokens: string[] }[] = [];
  for (let r = 0; r < scenario.rooms; r++) {
    const roles: RoomRole[] = Array.from({ length: scenario.clientsPerRoom - 1 }, (_, i) => (i + 1 < scenario.writersPerRoom ? "editor" : "viewer"));
    const { roomId, members } = await createRoomWith(db, roles);
    const tokens: string[] = [];
    for (const member of members) tokens.push((await mintCollabToken(db, authSecret, { userId: member.id, roomId })).token);
    rooms.push({ room: roomId, tokens });
  }
  return rooms;
}
