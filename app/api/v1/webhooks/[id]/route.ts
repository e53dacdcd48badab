import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { deleteWebhookEndpointApi, getWebhookEndpointApi, updateWebhookEndpointApi } from "@/lib/webhooks/webhook-api";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await getWebhookEndpointApi(await getDb(), principal, params.id));
});

/** `{enabled}`: enabling clears the reason it was disabled for. */
export const PATCH = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await updateWebhookEndpointApi(await getDb(), principal, params.id, await readJsonBody(req, 1024)));
}, { contentType: "application/json" });

export const DELETE = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  await deleteWebhookEndpointApi(await getDb(), principal, params.id);
  return new Response(null, { status: 204 });
});
