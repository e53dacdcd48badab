import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getRoomFileDeps } from "@/app/_server/runtime";
import { restoreVersionEndpoint } from "@/lib/collab/room-version-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Restores a version in the live room (owners and editors); the answer names the version that undoes it. */
export const POST = route<{ roomId: string; versionId: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await restoreVersionEndpoint(await getRoomFileDeps(), principal, params.roomId, params.versionId));
});
