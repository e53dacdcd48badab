import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb, getRoomFileDeps } from "@/app/_server/runtime";
import { listVersionsEndpoint, saveVersionEndpoint } from "@/lib/collab/room-version-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 2 * 1024;

/** The room's versions, newest first (members only). */
export const GET = route<{ roomId: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listVersionsEndpoint(await getDb(), principal, params.roomId));
});

/** Saves the live room as a labelled version (`{label}`; owners and editors). */
export const POST = route<{ roomId: string }>(
  async (req, { params }) => {
    const principal = await requirePrincipal(req);
    const version = await saveVersionEndpoint(await getRoomFileDeps(), principal, params.roomId, await readJsonBody(req, MAX_BODY_BYTES));
    return NextResponse.json(version, { status: 201 });
  },
  { contentType: "application/json" },
);
