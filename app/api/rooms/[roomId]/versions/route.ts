import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { listVersions } from "@/lib/collab/versions";
import { NextResponse } from "next/server";
import { parseParams } from "@/app/_server/input";

/** The room's versions, newest first (members only). */
export const GET = route<{ roomId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const roomId = parseParams(roomIdSchema, params.roomId, "No such room.");
  const versions = await listVersions(await getDb(), { roomId: roomId, userId: user.id });
  return NextResponse.json(
    {
      versions: versions.map((v) => ({ id: v.id, label: v.label, auto: v.auto, createdAt: v.createdAt.toISOString(), author: v.author?.name ?? null })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
