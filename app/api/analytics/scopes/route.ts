import { getDb } from "@/app/_server/runtime";
import { requireApiUser, route } from "@/app/_server/route";
import { scopeOptions } from "@/lib/analytics/scope-options";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The users, rooms and models the scope picker may offer the signed-in user. */
export const GET = route(async () => {
  const user = await requireApiUser();
  return NextResponse.json(await scopeOptions(await getDb(), user), { headers: { "Cache-Control": "private, max-age=60" } });
});
