import type { HistoryMessage } from "../ai/context";
import type { Db } from "../db/client";
import { prismaErrorCode } from "../db/errors";
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
  /** The title this turn gives a new conversation (from its first message); null otherwise. */
  firstTitle: string | null;
}

/** A turn read and checked, whose writes have not been made yet. */
export interface TurnPlan {
  turn: PreparedTurn;
  /**
   * Records the user's side: a new message is stored, an edit rewrites the last user message, and
   * both an edit and a regeneration drop the answers after it. CONFLICT when the new message's id
   * is taken. Must finish before the answer is saved.
   */
  save(): Promise<void>;
}

function conflict(): AppError {
  return new AppError("CONFLICT", "Only the last message can be edited.");
}

interface StoredTurnMessage {
  id: string;
  role: string;
  content: string;
  createdAt: Date;
}

/** The message being answered, the messages before it, and the write that records it. */
interface UserSide {
  id: string;
  question: string;
  earlier: StoredTurnMessage[];
  save(): Promise<unknown>;
}

function newUserMessage(db: Db, conversationId: string, messages: StoredTurnMessage[], id: string, text: string): UserSide {
  if (messages.some((m) => m.id === id)) throw conflict();
  const data = { id, conversationId, role: "user", content: text };
  return {
    id,
    question: text,
    earlier: messages,
    save: () =>
      db.chatMessage.create({ data, select: { id: true } }).catch((err: unknown) => {
        // The id belongs to a message of another conversation.
        throw prismaErrorCode(err) === "P2002" ? conflict() : err;
      }),
  };
}

/** The last user message answered again (`edited`: with new text), dropping the answers after it. */
function lastUserMessageAgain(db: Db, conversationId: string, messages: StoredTurnMessage[], last: StoredTurnMessage, edited?: string): UserSide {
  return {
    id: last.id,
    question: edited ?? last.content,
    earlier: messages.filter((m) => m.createdAt < last.createdAt && m.id !== last.id),
    async save() {
      if (edited !== undefined) await db.chatMessage.update({ where: { id: last.id }, data: { content: edited }, select: { id: true } });
      await db.chatMessage.deleteMany({ where: { conversationId, createdAt: { gt: last.createdAt } } });
    },
  };
}

/**
 * Reads what a turn needs (one query) and checks it without writing anything, so the model can be
 * asked while the writes are made. NOT_FOUND unless the conversation is the user's.
 */
export async function planTurn(db: Db, userId: string, conversationId: string, trigger: TurnTrigger): Promise<TurnPlan> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId, userId },
    select: {
      roomId: true,
      title: true,
      messages: { orderBy: { createdAt: "asc" }, select: { id: true, role: true, content: true, createdAt: true } },
    },
  });
  if (!conversation) throw new AppError("NOT_FOUND", "No such conversation.");
  const { messages } = conversation;
  const lastUser = messages.findLast((m) => m.role === "user");
  let userSide: UserSide;
  if (trigger.kind === "submit" && trigger.messageId !== lastUser?.id) {
    userSide = newUserMessage(db, conversationId, messages, trigger.messageId, trigger.text);
  } else if (lastUser) {
    userSide = lastUserMessageAgain(db, conversationId, messages, lastUser, trigger.kind === "submit" ? trigger.text : undefined);
  } else {
    throw new AppError("VALIDATION_FAILED", "There is no message to answer again.");
  }
  const firstTitle = trigger.kind === "submit" && !lastUser && conversation.title === DEFAULT_TITLE ? titleFromMessage(userSide.question) : null;
  const history = userSide.earlier
    .filter((m) => m.content.trim() !== "")
    .map((m): HistoryMessage => ({ role: m.role === "user" ? "user" : "assistant", content: m.content }));

  return {
    turn: { conversationId, roomId: conversation.roomId, userMessageId: userSide.id, question: userSide.question, history, firstTitle },
    async save() {
      await Promise.all([
        userSide.save(),
        db.conversation.update({
          where: { id: conversationId },
          data: { updatedAt: new Date(), ...(firstTitle && { title: firstTitle }) },
          select: { id: true },
        }),
      ]);
    },
  };
}

/** Plans a turn and makes its writes before returning: the user's side recorded before the model is asked. */
export async function prepareTurn(db: Db, userId: string, conversationId: string, trigger: TurnTrigger): Promise<PreparedTurn> {
  const plan = await planTurn(db, userId, conversationId, trigger);
  await plan.save();
  return plan.turn;
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
