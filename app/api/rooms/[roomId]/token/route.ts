import { getDb, getRateLimiters } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { mintCollabToken } from "@/lib/collab/collab-token";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors/app-error";
import { enforceLimit } from "@/lib/rate-limit/enforce";
import type { RateLimiter } from "@/lib/rate-limit/limiter";
import { NextResponse } from "next/server";

/** Room tokens live 10 minutes; clients refresh every few minutes, so this limit only stops abuse. */
const TOKEN_TTL_SECONDS = 600;
// Created on first request, never at build time.
let limiter: RateLimiter | undefined;

/** Mints a short-lived token that opens this room's sockets on the collab sidecar (members only). */
export const POST = route<{ roomId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const roomId = roomIdSchema.safeParse(params.roomId);
  if (!roomId.success) throw new AppError("NOT_FOUND", "No such room.");
  limiter ??= getRateLimiters().create({ name: "room-tokens-user", limit: 60, windowMs: 60_000 });
  await enforceLimit(limiter, user.id, (s) => `Too many token requests. Try again in ${s} s.`);
  const minted = await mintCollabToken(await getDb(), getConfig().authSecret, { userId: user.id, roomId: roomId.data }, { ttlSeconds: TOKEN_TTL_SECONDS });
  return NextResponse.json(
    { token: minted.token, role: minted.role, expiresAt: minted.expiresAt.toISOString(), userId: user.id },
    { headers: { "Cache-Control": "no-store" } },
  );
});
