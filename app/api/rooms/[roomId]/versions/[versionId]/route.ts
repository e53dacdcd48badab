import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { getVersionFiles } from "@/lib/collab/versions";
import { AppError } from "@/lib/errors/app-error";
import { NextResponse } from "next/server";
import { z } from "zod";

const versionIdSchema = z.string().min(1).max(128);

/** A version's files with their contents, for a read-only preview (members only). */
export const GET = route<{ roomId: string; versionId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const roomId = roomIdSchema.safeParse(params.roomId);
  const versionId = versionIdSchema.safeParse(params.versionId);
  if (!roomId.success || !versionId.success) throw new AppError("NOT_FOUND", "No such version.");
  const files = await getVersionFiles(await getDb(), { roomId: roomId.data, userId: user.id, versionId: versionId.data });
  return NextResponse.json({ files }, { headers: { "Cache-Control": "no-store" } });
});
