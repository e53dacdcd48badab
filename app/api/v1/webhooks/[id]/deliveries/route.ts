import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { listWebhookDeliveriesApi } from "@/lib/webhooks/webhook-api";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The endpoint's deliveries, newest first (`?cursor=&limit=`). */
export const GET = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listWebhookDeliveriesApi(await getDb(), principal, params.id, Object.fromEntries(req.nextUrl.searchParams)));
});
