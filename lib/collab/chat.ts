import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRoomAccess } from "./membership";
import { chatBodySchema, parseInput } from "./room-schemas";

export interface ChatMessageView {
  id: string;
  roomId: string;
  userId: string | null;
  userName: string | null;
  body: string;
  createdAt: Date;
}

export interface ChatPage {
  /** Newest first. */
  messages: ChatMessageView[];
  /** Pass as `before` to get the next, older page; null at the beginning of the conversation. */
  nextCursor: string | null;
}

const MAX_PAGE = 100;

const cursorSchema = z.object({ t: z.number().int(), id: z.string().min(1) });

function encodeCursor(message: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: message.createdAt.getTime(), id: message.id })).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: new Date(parsed.t), id: parsed.id };
  } catch {
    throw new AppError("VALIDATION_FAILED", "Invalid page cursor.");
  }
}

const withAuthor = { user: { select: { name: true } } } as const;

function toView(row: { id: string; roomId: string; userId: string | null; body: string; createdAt: Date; user: { name: string } | null }): ChatMessageView {
  return { id: row.id, roomId: row.roomId, userId: row.userId, userName: row.user?.name ?? null, body: row.body, createdAt: row.createdAt };
}

export async function postChatMessage(db: Db, input: { roomId: string; userId: string; body: string }): Promise<ChatMessageView> {
  const body = parseInput(chatBodySchema, input.body);
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  const row = await db.roomChatMessage.create({
    data: { roomId: input.roomId, userId: input.userId, body },
    include: withAuthor,
  });
  return toView(row);
}

/** A page of the room's chat, newest first, older pages through `before`. */
export async function listChatMessages(
  db: Db,
  input: { roomId: string; userId: string; before?: string | null; limit?: number },
): Promise<ChatPage> {
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  const limit = Math.min(Math.max(input.limit ?? 50, 1), MAX_PAGE);
  const before = input.before ? decodeCursor(input.before) : null;
  const rows = await db.roomChatMessage.findMany({
    where: {
      roomId: input.roomId,
      ...(before && {
        OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: withAuthor,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { messages: page.map(toView), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
