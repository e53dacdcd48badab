import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { exportRoomZip } from "@/lib/collab/room-export";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { archiveName } from "@/lib/collab/room-zip";
import { getRoomForMember } from "@/lib/collab/rooms";
import { parseParams } from "@/app/_server/input";

/** The room's files as a zip (members only). */
export const GET = route<{ roomId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const roomId = parseParams(roomIdSchema, params.roomId, "No such room.");
  const db = await getDb();
  const room = await getRoomForMember(db, roomId, user.id);
  const name = archiveName(room.name);
  const zip = await exportRoomZip(db, { roomId: room.id, userId: user.id, folder: name });
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}.zip"`,
      "Cache-Control": "no-store",
    },
  });
});
