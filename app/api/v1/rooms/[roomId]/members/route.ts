import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { addMemberEndpoint, listMembersEndpoint } from "@/lib/collab/room-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4 * 1024;

/** The room's members (members only). */
export const GET = route<{ roomId: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listMembersEndpoint(await getDb(), principal, params.roomId));
});

/** Adds an existing account as editor or viewer (`{email, role}`; owners only). */
export const POST = route<{ roomId: string }>(
  async (req, { params }) => {
    const principal = await requirePrincipal(req);
    const member = await addMemberEndpoint(await getDb(), principal, params.roomId, await readJsonBody(req, MAX_BODY_BYTES));
    return NextResponse.json(member, { status: 201 });
  },
  { contentType: "application/json" },
);
