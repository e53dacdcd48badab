import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { rotateWebhookSecretApi } from "@/lib/webhooks/webhook-api";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Replaces the signing secret; the new one is in this answer only. */
export const POST = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await rotateWebhookSecretApi(await getDb(), principal, params.id));
});
