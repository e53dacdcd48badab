import { dbProvider, type Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { parseInput } from "../forms/input";
import { listConversationsSchema, titleSchema, type ListConversationsInput } from "./schemas";
import { DEFAULT_TITLE } from "./titles";

export interface ConversationSummary {
  id: string;
  title: string;
  roomId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConversationPage {
  items: ConversationSummary[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const summary = { id: true, title: true, roomId: true, createdAt: true, updatedAt: true } as const;

function notFound(): AppError {
  return new AppError("NOT_FOUND", "No such conversation.");
}

/** The user's conversation; NOT_FOUND when it does not exist or belongs to someone else. */
export async function requireConversation(db: Db, userId: string, conversationId: string): Promise<ConversationSummary> {
  const found = await db.conversation.findUnique({ where: { id: conversationId }, select: { ...summary, userId: true } });
  if (!found || found.userId !== userId) throw notFound();
  return { id: found.id, title: found.title, roomId: found.roomId, createdAt: found.createdAt, updatedAt: found.updatedAt };
}

export async function createConversation(
  db: Db,
  userId: string,
  options: { roomId?: string | null; title?: string } = {},
): Promise<ConversationSummary> {
  return db.conversation.create({
    data: { userId, roomId: options.roomId ?? null, title: options.title ?? DEFAULT_TITLE },
    select: summary,
  });
}

/** The user's newest conversation in a room, created when there is none. */
export async function roomConversation(db: Db, userId: string, roomId: string): Promise<ConversationSummary> {
  const latest = await db.conversation.findFirst({ where: { userId, roomId }, orderBy: { updatedAt: "desc" }, select: summary });
  return latest ?? createConversation(db, userId, { roomId, title: "Room assistant" });
}

/** Escapes LIKE wildcards so a search for "50%" finds that text literally. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Ids of the user's conversations whose title or any message contains `q`, ignoring case. */
async function searchIds(db: Db, userId: string, q: string): Promise<string[]> {
  const pattern = likePattern(q.toLowerCase());
  const rows =
    dbProvider(db) === "postgresql"
      ? await db.$queryRawUnsafe<{ id: string }[]>(
          `SELECT c."id" FROM "Conversation" c WHERE c."userId" = $1 AND c."roomId" IS NULL AND (c."title" ILIKE $2 ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM "ChatMessage" m WHERE m."conversationId" = c."id" AND m."content" ILIKE $2 ESCAPE '\\'))`,
          userId,
          pattern,
        )
      : await db.$queryRawUnsafe<{ id: string }[]>(
          `SELECT c."id" FROM "Conversation" c WHERE c."userId" = ? AND c."roomId" IS NULL AND (lower(c."title") LIKE ? ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM "ChatMessage" m WHERE m."conversationId" = c."id" AND lower(m."content") LIKE ? ESCAPE '\\'))`,
          userId,
          pattern,
          pattern,
        );
  return rows.map((r) => r.id);
}

/** The user's own (non-room) conversations, newest first, a page at a time, optionally searched. */
export async function listConversations(db: Db, userId: string, input: ListConversationsInput = {}): Promise<ConversationPage> {
  const { cursor, q, limit } = parseInput(listConversationsSchema, input);
  const ids = q ? await searchIds(db, userId, q) : undefined;
  const rows = await db.conversation.findMany({
    where: { userId, roomId: null, ...(ids && { id: { in: ids } }) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor && { cursor: { id: cursor }, skip: 1 }),
    select: summary,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function renameConversation(db: Db, userId: string, conversationId: string, title: string): Promise<ConversationSummary> {
  const clean = parseInput(titleSchema, title);
  await requireConversation(db, userId, conversationId);
  return db.conversation.update({ where: { id: conversationId }, data: { title: clean }, select: summary });
}

export async function deleteConversation(db: Db, userId: string, conversationId: string): Promise<void> {
  const { count } = await db.conversation.deleteMany({ where: { id: conversationId, userId } });
  if (count === 0) throw notFound();
}
