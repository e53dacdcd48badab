import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { createRoomEndpoint } from "@/lib/collab/room-endpoints";
import { listRoomsEndpoint } from "@/lib/collab/room-file-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8 * 1024;

/** The caller's rooms, most recently changed first (`?cursor=&limit=`). */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listRoomsEndpoint(await getDb(), principal, Object.fromEntries(req.nextUrl.searchParams)));
});

/** Creates a room (`{name, description?}`); the caller becomes its owner. */
export const POST = route(async (req) => {
  const principal = await requirePrincipal(req);
  const room = await createRoomEndpoint(await getDb(), principal, await readJsonBody(req, MAX_BODY_BYTES));
  return NextResponse.json(room, { status: 201 });
}, { contentType: "application/json" });
