import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { listChatMessages } from "@/lib/collab/chat";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { AppError } from "@/lib/errors/app-error";
import { NextResponse } from "next/server";
import { z } from "zod";

const querySchema = z.object({
  before: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** A page of the room's chat, newest first; `before` pages back (members only). */
export const GET = route<{ roomId: string }>(async (req, { params }) => {
  const user = await requireApiUser();
  const roomId = roomIdSchema.safeParse(params.roomId);
  if (!roomId.success) throw new AppError("NOT_FOUND", "No such room.");
  const query = querySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw new AppError("VALIDATION_FAILED", "Invalid page request.");
  const page = await listChatMessages(await getDb(), { roomId: roomId.data, userId: user.id, ...query.data });
  return NextResponse.json(
    {
      messages: page.messages.map((m) => ({ id: m.id, userName: m.userName, body: m.body, createdAt: m.createdAt.toISOString() })),
      nextCursor: page.nextCursor,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
