import { readJsonBody } from "@/app/_server/body";
import { requireApiUser, route } from "@/app/_server/route";
import { getAiRuntime, getDb, getPassageSource, getRateLimiters } from "@/app/_server/runtime";
import { chatRequestSchema, startChatTurn } from "@/lib/chat";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors/app-error";
import { enforceLimit } from "@/lib/rate-limit/enforce";
import type { RateLimiter } from "@/lib/rate-limit/limiter";
import { createUIMessageStreamResponse } from "ai";

export const dynamic = "force-dynamic";

// Created on first request, never at build time.
let limiter: RateLimiter | undefined;

/** One chat turn, streamed in the AI SDK UI-message protocol (what useChat reads). */
export const POST = route(async (req, { log }) => {
  const user = await requireApiUser();
  const body = await readJsonBody(req, getConfig().env.CHAT_MAX_BODY_KB * 1024);
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `Invalid chat request: ${parsed.error.issues[0]?.message ?? "malformed"}`);
  }
  limiter ??= getRateLimiters().create({ name: "chat-user", limit: getConfig().env.CHAT_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });
  await enforceLimit(limiter, user.id, (s) => `Too many messages. You can send again in ${s} s.`);
  const stream = await startChatTurn(
    { db: await getDb(), ai: getAiRuntime(), passages: getPassageSource(), log },
    { ...parsed.data, userId: user.id, signal: req.signal },
  );
  return createUIMessageStreamResponse({ stream });
}, { contentType: "application/json" });
