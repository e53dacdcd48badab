import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { getKnowledgeSettings, getUploadsDir } from "@/app/_server/knowledge";
import { uploadDocument } from "@/lib/knowledge/upload";
import { NextResponse } from "next/server";
import { limitUploads } from "@/app/_server/limits";
import { uploadBody } from "@/app/_server/body";

export const dynamic = "force-dynamic";

/**
 * One file as the raw request body, typed `application/octet-stream`
 * (`POST /api/knowledge/upload?name=…&roomId=…`), streamed to DATA_DIR/uploads with the size limit
 * enforced while it arrives, then queued for ingestion.
 * Excluded from proxy.ts (which would cut bodies at 10 MB), so it authenticates here.
 */
export const POST = route(async (req) => {
  const user = await requireApiUser();
  await limitUploads(user.id);
  const deps = { db: await getDb(), uploadsDir: getUploadsDir(), limits: getKnowledgeSettings() };
  const document = await uploadDocument(deps, user.id, uploadBody(req));
  return NextResponse.json({ document }, { status: 201 });
}, { contentType: "application/octet-stream" });
