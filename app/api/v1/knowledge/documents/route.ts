import { uploadBody } from "@/app/_server/body";
import { getKnowledgeSettings, getUploadsDir } from "@/app/_server/knowledge";
import { limitUploads } from "@/app/_server/limits";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { listDocumentsEndpoint, uploadDocumentEndpoint } from "@/lib/api-v1/knowledge-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * One file as the raw body (`?name=…&roomId=…`, `application/octet-stream`), with the knowledge
 * page's limits. Excluded from proxy.ts like /api/knowledge/upload, which would cut bodies at 10 MB.
 */
export const POST = route(async (req) => {
  const principal = await requirePrincipal(req);
  await limitUploads(principal.user.id);
  const deps = { db: await getDb(), uploadsDir: getUploadsDir(), limits: getKnowledgeSettings() };
  return NextResponse.json(await uploadDocumentEndpoint(deps, principal, uploadBody(req)), { status: 201 });
}, { contentType: "application/octet-stream" });

/** One scope's documents, newest first (`?cursor=&limit=&roomId=&status=`). */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await listDocumentsEndpoint(await getDb(), principal, Object.fromEntries(req.nextUrl.searchParams)));
});
