import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { getRoomEndpoint } from "@/lib/collab/room-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** A room with its members (members only). */
export const GET = route<{ roomId: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await getRoomEndpoint(await getDb(), principal, params.roomId));
});
