import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { redeliverWebhookApi } from "@/lib/webhooks/webhook-api";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Queues the delivery's event again (same `webhook-id`) → 202 with the new delivery. */
export const POST = route<{ id: string; deliveryId: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await redeliverWebhookApi(await getDb(), principal, params.id, params.deliveryId), { status: 202 });
});
