import { getUploadsDir } from "@/app/_server/knowledge";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { deleteDocumentEndpoint, readDocumentEndpoint } from "@/lib/api-v1/knowledge-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** A document and its ingestion status. */
export const GET = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await readDocumentEndpoint(await getDb(), principal, params.id));
});

export const DELETE = route<{ id: string }>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  await deleteDocumentEndpoint({ db: await getDb(), uploadsDir: getUploadsDir() }, principal, params.id);
  return new Response(null, { status: 204 });
});
