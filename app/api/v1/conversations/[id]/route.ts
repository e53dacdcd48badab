import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { deleteConversationEndpoint, readConversationEndpoint } from "@/lib/api-v1/conversation-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The conversation with its messages and their citations. */
export const GET = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await readConversationEndpoint(await getDb(), principal, params.id));
});

export const DELETE = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  await deleteConversationEndpoint(await getDb(), principal, params.id);
  return new Response(null, { status: 204 });
});
