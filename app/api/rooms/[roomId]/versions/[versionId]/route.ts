import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { getVersionFiles } from "@/lib/collab/versions";
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseParams } from "@/app/_server/input";

const versionIdSchema = z.string().min(1).max(128);

/** A version's files with their contents, for a read-only preview (members only). */
export const GET = route<{ roomId: string; versionId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const { roomId, versionId } = parseParams(z.object({ roomId: roomIdSchema, versionId: versionIdSchema }), params, "No such version.");
  const files = await getVersionFiles(await getDb(), { roomId, userId: user.id, versionId });
  return NextResponse.json({ files }, { headers: { "Cache-Control": "no-store" } });
});
