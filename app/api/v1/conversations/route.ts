import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { createConversationEndpoint, listConversationsEndpoint } from "@/lib/api-v1/conversation-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4 * 1024;

/** The caller's conversations, newest first (`?cursor=&limit=&q=`). */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listConversationsEndpoint(await getDb(), principal, Object.fromEntries(req.nextUrl.searchParams)));
});

/** A new conversation (JSON `{title?, roomId?}`). */
export const POST = route(async (req) => {
  const principal = await requirePrincipal(req);
  const created = await createConversationEndpoint(await getDb(), principal, await readJsonBody(req, MAX_BODY_BYTES));
  return NextResponse.json(created, { status: 201 });
}, { contentType: "application/json" });
