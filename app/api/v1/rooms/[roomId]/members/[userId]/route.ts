import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { changeMemberRoleEndpoint, removeMemberEndpoint } from "@/lib/collab/room-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 1024;

type Params = { roomId: string; userId: string };

/** Changes a member's role (`{role}`; owners only; a room keeps at least one owner). */
export const PATCH = route<Params>(
  async (req, { params }) => {
    const principal = await requirePrincipal(req);
    const body = await readJsonBody(req, MAX_BODY_BYTES);
    return NextResponse.json(await changeMemberRoleEndpoint(await getDb(), principal, params.roomId, params.userId, body));
  },
  { contentType: "application/json" },
);

/** Removes a member (owners only). */
export const DELETE = route<Params>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  await removeMemberEndpoint(await getDb(), principal, params.roomId, params.userId);
  return new Response(null, { status: 204 });
});
