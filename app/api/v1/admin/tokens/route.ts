import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { listAllTokensEndpoint } from "@/lib/auth/token-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Every user's working tokens, newest first (`?cursor=&limit=`): admins only. */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listAllTokensEndpoint(await getDb(), principal, Object.fromEntries(req.nextUrl.searchParams)));
});
