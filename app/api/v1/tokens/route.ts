import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { createTokenEndpoint, listOwnTokensEndpoint } from "@/lib/auth/token-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4 * 1024;

/** Creates a token for the signed-in user (JSON `{name, scopes, expiresInDays}`); the secret is in this answer only. */
export const POST = route(async (req) => {
  const principal = await requirePrincipal(req);
  const created = await createTokenEndpoint(await getDb(), principal, await readJsonBody(req, MAX_BODY_BYTES));
  return NextResponse.json(created, { status: 201 });
}, { contentType: "application/json" });

/** The signed-in user's working tokens, newest first (`?cursor=&limit=`). */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listOwnTokensEndpoint(await getDb(), principal, Object.fromEntries(req.nextUrl.searchParams)));
});
