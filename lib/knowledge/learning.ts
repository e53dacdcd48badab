import { z } from "zod";
import { parseInput } from "../forms/input";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { createUploadedDocument, listDocuments, type DocumentSummary } from "./documents";
import { requireScopeAccess, type ScopeAccess } from "./scope";
import { storeText } from "./storage";
import { userText } from "../forms/text";

const teachInputSchema = z.object({
  messageId: z.string().min(1).max(64),
  answer: userText().trim().min(1, "Write the correct answer.").max(20_000, "Use at most 20,000 characters."),
});
const saveAnswerInputSchema = z.object({ messageId: z.string().min(1).max(64) });

const NAME_CHARS = 80;

interface AnsweredQuestion {
  question: string;
  answer: string;
  roomId: string | null;
  rating: number | null;
}

/** The user's own assistant message, the question it answered, and its rating. */
async function loadAnswer(db: Db, userId: string, messageId: string): Promise<AnsweredQuestion> {
  const message = await db.chatMessage.findUnique({
    where: { id: messageId },
    select: {
      role: true,
      content: true,
      createdAt: true,
      conversationId: true,
      feedback: { select: { rating: true } },
      conversation: { select: { userId: true, roomId: true } },
    },
  });
  if (!message || message.role !== "assistant" || message.conversation.userId !== userId) {
    throw new AppError("NOT_FOUND", "No such answer.");
  }
  const asked = await db.chatMessage.findFirst({
    where: { conversationId: message.conversationId, role: "user", createdAt: { lte: message.createdAt } },
    orderBy: { createdAt: "desc" },
    select: { content: true },
  });
  return {
    question: asked?.content.trim() ?? "",
    answer: message.content,
    roomId: message.conversation.roomId,
    rating: message.feedback?.rating ?? null,
  };
}

/** A room conversation teaches the room when the user may write there, otherwise their personal knowledge. */
async function learningScope(db: Db, userId: string, roomId: string | null): Promise<ScopeAccess> {
  if (roomId) {
    const room = await requireScopeAccess(db, userId, { roomId }, "read");
    if (room.canWrite) return room;
  }
  return requireScopeAccess(db, userId, {}, "write");
}

function itemName(prefix: string, question: string): string {
  const oneLine = question.replace(/\s+/g, " ").trim() || "untitled";
  return `${prefix}: ${oneLine.length > NAME_CHARS ? `${oneLine.slice(0, NAME_CHARS - 1)}…` : oneLine}`;
}

async function createLearnedItem(
  db: Db,
  uploadsDir: string,
  userId: string,
  input: { source: "correction" | "answer"; question: string; answer: string; roomId: string | null },
): Promise<DocumentSummary> {
  const access = await learningScope(db, userId, input.roomId);
  const text = input.question ? `# ${input.question.replace(/\s+/g, " ")}\n\n${input.answer.trim()}\n` : `${input.answer.trim()}\n`;
  const stored = await storeText(uploadsDir, text);
  const prefix = input.source === "correction" ? "Correction" : "Answer";
  return createUploadedDocument(db, {
    access,
    uploaderId: userId,
    name: itemName(prefix, input.question),
    stored,
    source: input.source,
    prompt: input.question || undefined,
  });
}

/**
 * "Teach": the user writes the correct answer to the question an assistant message answered. It
 * becomes a knowledge item that is validated (conflicts flagged) like a document, then retrieved.
 */
export async function teachCorrection(db: Db, uploadsDir: string, userId: string, input: unknown): Promise<DocumentSummary> {
  const { messageId, answer } = parseInput(teachInputSchema, input);
  const answered = await loadAnswer(db, userId, messageId);
  return createLearnedItem(db, uploadsDir, userId, { source: "correction", question: answered.question, answer, roomId: answered.roomId });
}

/** Saves an answer the user rated thumbs-up as a knowledge item. */
export async function saveAnswerAsKnowledge(db: Db, uploadsDir: string, userId: string, input: unknown): Promise<DocumentSummary> {
  const { messageId } = parseInput(saveAnswerInputSchema, input);
  const answered = await loadAnswer(db, userId, messageId);
  if (answered.rating !== 1) throw new AppError("CONFLICT", "Only answers rated thumbs-up can be saved as knowledge.");
  return createLearnedItem(db, uploadsDir, userId, { source: "answer", question: answered.question, answer: answered.answer, roomId: answered.roomId });
}

/** What the assistant has learned in a scope: corrections and saved answers. */
export function listLearned(db: Db, userId: string, roomId: string | null): Promise<DocumentSummary[]> {
  return listDocuments(db, userId, { roomId }, { learned: true });
}
