import { readJsonBody } from "@/app/_server/body";
import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { getAiRuntime } from "@/lib/ai";
import { createRateLimiter, type RateLimiter } from "@/lib/auth/rate-limit";
import { chatRequestSchema, getPassageSource, startChatTurn } from "@/lib/chat";
import { getConfig } from "@/lib/config";
import { AppError, publicError } from "@/lib/errors/app-error";
import { createUIMessageStreamResponse } from "ai";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

// Created on first request, never at build time.
let limiter: RateLimiter | undefined;

/** One chat turn, streamed in the AI SDK UI-message protocol (what useChat reads). */
export const POST = route(async (req, { log, requestId }) => {
  const user = await requireApiUser();
  const body = await readJsonBody(req, getConfig().env.CHAT_MAX_BODY_KB * 1024);
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `Invalid chat request: ${parsed.error.issues[0]?.message ?? "malformed"}`);
  }
  limiter ??= createRateLimiter({ limit: getConfig().env.CHAT_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });
  const decision = limiter.hit(user.id);
  if (!decision.allowed) {
    const retryAfterSeconds = Math.ceil(decision.retryAfterMs / 1000);
    const error = new AppError("RATE_LIMITED", `Too many messages. You can send again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    const { status, body: errorBody } = publicError(error, requestId);
    return NextResponse.json(errorBody, { status, headers: { "retry-after": String(retryAfterSeconds) } });
  }
  const stream = await startChatTurn(
    { db: await getDb(), ai: getAiRuntime(), passages: getPassageSource(), log },
    { ...parsed.data, userId: user.id, signal: req.signal },
  );
  return createUIMessageStreamResponse({ stream });
});
