import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { listChatMessages } from "@/lib/collab/chat";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseParams, parseQuery } from "@/app/_server/input";

const querySchema = z.object({
  before: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** A page of the room's chat, newest first; `before` pages back (members only). */
export const GET = route<{ roomId: string }>(async (req, { params }) => {
  const user = await requireApiUser();
  const roomId = parseParams(roomIdSchema, params.roomId, "No such room.");
  const query = parseQuery(req, querySchema, "Invalid page request.");
  const page = await listChatMessages(await getDb(), { roomId, userId: user.id, ...query });
  return NextResponse.json(
    {
      messages: page.messages.map((m) => ({ id: m.id, userName: m.userName, body: m.body, createdAt: m.createdAt.toISOString() })),
      nextCursor: page.nextCursor,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
