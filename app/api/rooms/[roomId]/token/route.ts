import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { createRateLimiter } from "@/lib/auth/rate-limit";
import { mintCollabToken } from "@/lib/auth/collab-token";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors/app-error";
import { NextResponse } from "next/server";

/** Room tokens live 10 minutes; clients refresh every few minutes, so this limit only stops abuse. */
const TOKEN_TTL_SECONDS = 600;
const limiter = createRateLimiter({ limit: 60, windowMs: 60_000 });

/** Mints a short-lived token that opens this room's sockets on the collab sidecar (members only). */
export const POST = route<{ roomId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const roomId = roomIdSchema.safeParse(params.roomId);
  if (!roomId.success) throw new AppError("NOT_FOUND", "No such room.");
  const decision = limiter.hit(user.id);
  if (!decision.allowed) throw new AppError("RATE_LIMITED", "Too many token requests. Wait a moment.");
  const minted = await mintCollabToken(await getDb(), getConfig().authSecret, { userId: user.id, roomId: roomId.data }, { ttlSeconds: TOKEN_TTL_SECONDS });
  return NextResponse.json(
    { token: minted.token, role: minted.role, expiresAt: minted.expiresAt.toISOString(), userId: user.id },
    { headers: { "Cache-Control": "no-store" } },
  );
});
