import type { HistoryMessage } from "../ai/context";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireConversation } from "./conversations";
import { citationsSchema, type Citation } from "./schemas";
import { DEFAULT_TITLE, titleFromMessage } from "./titles";

export interface StoredMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  model: string | null;
  error: string | null;
  citations: Citation[];
  createdAt: Date;
  feedback: { rating: 1 | -1; comment: string | null } | null;
}

function parseCitations(json: string | null): Citation[] {
  if (!json) return [];
  const parsed = citationsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

/** The conversation's messages, oldest first; NOT_FOUND unless it is the user's. */
export async function loadMessages(db: Db, userId: string, conversationId: string): Promise<StoredMessage[]> {
  await requireConversation(db, userId, conversationId);
  const rows = await db.chatMessage.findMany({
    where: { conversationId },
    orderBy: { createdAt: "asc" },
    include: { feedback: { select: { rating: true, comment: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    role: row.role === "user" ? "user" : "assistant",
    content: row.content,
    model: row.model,
    error: row.error,
    citations: parseCitations(row.citations),
    createdAt: row.createdAt,
    feedback: row.feedback && { rating: row.feedback.rating === 1 ? 1 : -1, comment: row.feedback.comment },
  }));
}

export type TurnTrigger =
  /** A new message, or (with the id of the last user message) that message edited and resent. */
  | { kind: "submit"; messageId: string; text: string }
  /** Answer the last user message again, replacing the answer after it. */
  | { kind: "regenerate" };

export interface PreparedTurn {
  conversationId: string;
  roomId: string | null;
  userMessageId: string;
  question: string;
  /** Earlier messages worth sending to the model, oldest first. */
  history: HistoryMessage[];
}

/**
 * Records the user's side of a turn before the model is asked: a new message is stored, an edit
 * rewrites the last user message, and both an edit and a regeneration drop the answers after it.
 */
export async function prepareTurn(db: Db, userId: string, conversationId: string, trigger: TurnTrigger): Promise<PreparedTurn> {
  const conversation = await requireConversation(db, userId, conversationId);
  const messages = await db.chatMessage.findMany({
    where: { conversationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, content: true, createdAt: true },
  });
  const lastUser = messages.findLast((m) => m.role === "user");
  let current: { id: string; content: string; createdAt: Date };

  if (trigger.kind === "submit" && trigger.messageId !== lastUser?.id) {
    const clash = await db.chatMessage.findUnique({ where: { id: trigger.messageId }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", "Only the last message can be edited.");
    current = await db.chatMessage.create({
      data: { id: trigger.messageId, conversationId, role: "user", content: trigger.text },
      select: { id: true, content: true, createdAt: true },
    });

  } else {
    if (!lastUser) throw new AppError("VALIDATION_FAILED", "There is no message to answer again.");
    current = lastUser;
    if (trigger.kind === "submit") {
      await db.chatMessage.update({ where: { id: lastUser.id }, data: { content: trigger.text } });
      current = { ...lastUser, content: trigger.text };
    }
    await db.chatMessage.deleteMany({ where: { conversationId, createdAt: { gt: lastUser.createdAt } } });
  }
  const titled = trigger.kind === "submit" && !lastUser && conversation.title === DEFAULT_TITLE;
  await db.conversation.update({
    where: { id: conversationId },
    data: { updatedAt: new Date(), ...(titled && { title: titleFromMessage(trigger.text) }) },
  });

  const history = messages
    .filter((m) => m.createdAt < current.createdAt && m.id !== current.id && m.content.trim() !== "")
    .map((m): HistoryMessage => ({ role: m.role === "user" ? "user" : "assistant", content: m.content }));
  return { conversationId, roomId: conversation.roomId, userMessageId: current.id, question: current.content, history };
}

export interface AssistantRecord {
  id: string;
  conversationId: string;
  content: string;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  ttftMs: number | null;
  totalMs: number;
  costUsd: number | null;
  /** A stable error code, "STOPPED" when the user stopped it, or null. */
  error: string | null;
  citations: Citation[];
}

export async function saveAssistantMessage(db: Db, record: AssistantRecord): Promise<void> {
  await db.chatMessage.create({
    data: {
      ...record,
      role: "assistant",
      citations: record.citations.length > 0 ? JSON.stringify(record.citations) : null,
    },
  });
}
