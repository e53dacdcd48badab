import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { listConversations } from "@/lib/chat";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The user's conversations, newest first: `?cursor=<id>&q=<search>&limit=<n>`. */
export const GET = route(async (req) => {
  const user = await requireApiUser();
  const params = Object.fromEntries(req.nextUrl.searchParams);
  const page = await listConversations(await getDb(), user.id, params);
  return NextResponse.json({
    items: page.items.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() })),
    nextCursor: page.nextCursor,
  });
});
