import { readJsonBody } from "@/app/_server/body";
import { requireApiUser, route } from "@/app/_server/route";
import { limitChatTurns } from "@/app/_server/limits";
import { getAiRuntime, getDb, getPassageSource } from "@/app/_server/runtime";
import { chatRequestSchema, startChatTurn } from "@/lib/chat";
import { getConfig } from "@/lib/config";
import { createUIMessageStreamResponse } from "ai";
import { parseInput } from "@/lib/forms/input";

export const dynamic = "force-dynamic";

/** One chat turn, streamed in the AI SDK UI-message protocol (what useChat reads). */
export const POST = route(async (req, { log }) => {
  const user = await requireApiUser();
  const body = await readJsonBody(req, getConfig().env.CHAT_MAX_BODY_KB * 1024);
  const request = parseInput(chatRequestSchema, body);
  await limitChatTurns(user.id);
  const stream = await startChatTurn(
    { db: await getDb(), ai: getAiRuntime(), passages: getPassageSource(), log },
    { ...request, userId: user.id, signal: req.signal },
  );
  return createUIMessageStreamResponse({ stream });
}, { contentType: "application/json" });
