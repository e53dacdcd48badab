import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb, getWebhookDeps } from "@/app/_server/runtime";
import { createWebhookEndpointApi, listWebhookEndpointsApi } from "@/lib/webhooks/webhook-api";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8 * 1024;

/** Registers an endpoint (`{url, events, description?, roomId?}`); the `whsec_` secret is in this answer only. */
export const POST = route(async (req) => {
  const principal = await requirePrincipal(req);
  const created = await createWebhookEndpointApi(await getWebhookDeps(), principal, await readJsonBody(req, MAX_BODY_BYTES));
  return NextResponse.json(created, { status: 201 });
}, { contentType: "application/json" });

/** The instance's endpoints, or a room's with `?roomId=` (`?cursor=&limit=`). */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listWebhookEndpointsApi(await getDb(), principal, Object.fromEntries(req.nextUrl.searchParams)));
});
