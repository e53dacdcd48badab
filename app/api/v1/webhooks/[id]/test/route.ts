import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { sendTestWebhookApi } from "@/lib/webhooks/webhook-api";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Queues a `webhook.test` event for this endpoint alone → 202 with the delivery. */
export const POST = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await sendTestWebhookApi(await getDb(), principal, params.id), { status: 202 });
});
