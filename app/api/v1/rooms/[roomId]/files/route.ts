import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getRoomFileDeps } from "@/app/_server/runtime";
import { listRoomFilesEndpoint } from "@/lib/collab/room-file-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Every file of the room with its language and size (members only). */
export const GET = route<{ roomId: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listRoomFilesEndpoint(await getRoomFileDeps(), principal, params.roomId));
});
