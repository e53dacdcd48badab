import { requireScope, type Principal } from "../auth/principal";
import { createConversation, deleteConversation, listConversations, requireConversation } from "../chat/conversations";
import { loadMessages } from "../chat/messages";
import { requireRoomAccess } from "../collab/membership";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { idSchema, parseInput } from "../forms/input";
import { resolveCitations } from "./citations";
import { createConversationSchema, listConversationsQuerySchema } from "./conversation-schemas";
import type { Page } from "./page";

/** What the conversation routes (/api/v1/conversations…) do once they know the caller; scope `chat`. */

export interface ConversationSummaryDto {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface MessageDto {
  id: string;
  role: "user" | "assistant";
  content: string;
  citations: Awaited<ReturnType<typeof resolveCitations>>[number];
  createdAt: string;
}

/** A conversation id from the path; a malformed one names no conversation. */
export function conversationIdOf(raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such conversation.");
  return parsed.data;
}

function summaryDto(c: { id: string; title: string; createdAt: Date; updatedAt: Date }): ConversationSummaryDto {
  return { id: c.id, title: c.title, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/** GET /api/v1/conversations: the caller's own (non-room) conversations, newest first, optionally searched. */
export async function listConversationsEndpoint(db: Db, principal: Principal, query: Record<string, string>): Promise<Page<ConversationSummaryDto>> {
  requireScope(principal, "chat");
  const { cursor, limit, q } = parseInput(listConversationsQuerySchema, query);
  const page = await listConversations(db, principal.user.id, { cursor: cursor && conversationIdOf(cursor), limit, q: q || undefined });
  return { items: page.items.map(summaryDto), nextCursor: page.nextCursor };
}

/** POST /api/v1/conversations: an empty conversation, in a room the caller belongs to when `roomId` is given. */
export async function createConversationEndpoint(db: Db, principal: Principal, body: unknown): Promise<ConversationSummaryDto & { roomId: string | null }> {
  requireScope(principal, "chat");
  const input = parseInput(createConversationSchema, body);
  if (input.roomId) await requireRoomAccess(db, input.roomId, principal.user.id, "read");
  const created = await createConversation(db, principal.user.id, { roomId: input.roomId ?? null, title: input.title });
  return { ...summaryDto(created), roomId: created.roomId };
}

/** GET /api/v1/conversations/:id: the conversation with its messages, oldest first; NOT_FOUND unless it is the caller's. */
export async function readConversationEndpoint(db: Db, principal: Principal, rawId: string): Promise<ConversationSummaryDto & { messages: MessageDto[] }> {
  requireScope(principal, "chat");
  const id = conversationIdOf(rawId);
  const conversation = await requireConversation(db, principal.user.id, id);
  const messages = await loadMessages(db, principal.user.id, id);
  const citations = await resolveCitations(db, messages.map((m) => m.citations));
  return {
    ...summaryDto(conversation),
    messages: messages.map((m, i) => ({ id: m.id, role: m.role, content: m.content, citations: citations[i] ?? [], createdAt: m.createdAt.toISOString() })),
  };
}

/** DELETE /api/v1/conversations/:id. */
export async function deleteConversationEndpoint(db: Db, principal: Principal, rawId: string): Promise<void> {
  requireScope(principal, "chat");
  await deleteConversation(db, principal.user.id, conversationIdOf(rawId));
}
