"use server";

import { applyAnswerRating } from "@/lib/knowledge/demotion";
import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { loadChatSetup } from "@/app/_server/chat-setup";
import type { ChatSetup } from "@/lib/chat/chat-setup";
import { requireRoomAccess } from "@/lib/collab/membership";
import {
  createConversation,
  deleteConversation,
  loadMessages,
  renameConversation,
  roomConversation,
  setFeedback,
  toUIMessages,
  type ChatUIMessage,
} from "@/lib/chat";
import { failureFrom, INTERNAL_FAILURE, type ActionResult } from "@/lib/forms/action-result";
import { idSchema, parseInput } from "@/lib/forms/input";
import { logger } from "@/lib/observability/logger";
import { z } from "zod";

type Result<T> = ({ ok: true } & T) | Exclude<ActionResult, { ok: true }>;

async function attempt<T>(what: string, run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, ...(await run()) };
  } catch (err) {
    const failure = failureFrom(err);
    if (failure && !failure.ok) return failure;
    logger.error({ err }, `${what} failed`);
    return INTERNAL_FAILURE;
  }
}

export async function createConversationAction(): Promise<Result<{ id: string }>> {
  const user = await requireUser();
  return attempt("create conversation", async () => ({ id: (await createConversation(await getDb(), user.id)).id }));
}

export async function renameConversationAction(input: unknown): Promise<Result<object>> {
  const user = await requireUser();
  return attempt("rename conversation", async () => {
    const { id, title } = parseInput(z.object({ id: idSchema, title: z.string() }), input);
    await renameConversation(await getDb(), user.id, id, title);
    return {};
  });
}

export async function deleteConversationAction(input: unknown): Promise<Result<object>> {
  const user = await requireUser();
  return attempt("delete conversation", async () => {
    await deleteConversation(await getDb(), user.id, parseInput(idSchema, input));
    return {};
  });
}

export async function feedbackAction(input: unknown): Promise<Result<object>> {
  const user = await requireUser();
  return attempt("save feedback", async () => {
    const db = await getDb();
    const saved = await setFeedback(db, user.id, input);
    // Thumbs-down demotes the passages this answer cited; any other rating takes that back.
    await applyAnswerRating(db, { ...saved, userId: user.id });
    return {};
  });
}

export interface RoomAssistantState {
  conversationId: string;
  messages: ChatUIMessage[];
  setup: ChatSetup;
}

/** The user's assistant conversation in a room (created on first use), for the panel beside the editor. */
export async function roomAssistantAction(roomId: unknown): Promise<Result<RoomAssistantState>> {
  const user = await requireUser();
  return attempt("load room assistant", async () => {
    const db = await getDb();
    const id = parseInput(idSchema, roomId);
    await requireRoomAccess(db, id, user.id, "read");
    const conversation = await roomConversation(db, user.id, id);
    const [messages, setup] = await Promise.all([loadMessages(db, user.id, conversation.id), loadChatSetup()]);
    return { conversationId: conversation.id, messages: toUIMessages(messages), setup };
  });
}
