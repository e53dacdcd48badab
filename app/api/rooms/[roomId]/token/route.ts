import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { mintCollabToken } from "@/lib/collab/collab-token";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { getConfig } from "@/lib/config";
import { NextResponse } from "next/server";
import { routeLimit } from "@/app/_server/limits";
import { parseParams } from "@/app/_server/input";

/** Room tokens live 10 minutes; clients refresh every few minutes, so this limit only stops abuse. */
const TOKEN_TTL_SECONDS = 600;
const limitTokens = routeLimit(
  () => ({ name: "room-tokens-user", limit: 60, windowMs: 60_000 }),
  (s) => `Too many token requests. Try again in ${s} s.`,
);

/** Mints a short-lived token that opens this room's sockets on the collab sidecar (members only). */
export const POST = route<{ roomId: string }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const roomId = parseParams(roomIdSchema, params.roomId, "No such room.");
  await limitTokens(user.id);
  const minted = await mintCollabToken(await getDb(), getConfig().authSecret, { userId: user.id, roomId }, { ttlSeconds: TOKEN_TTL_SECONDS });
  return NextResponse.json(
    { token: minted.token, role: minted.role, expiresAt: minted.expiresAt.toISOString(), userId: user.id },
    { headers: { "Cache-Control": "no-store" } },
  );
});
