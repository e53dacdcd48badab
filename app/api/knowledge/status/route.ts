import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { documentStatuses } from "@/lib/knowledge/documents";
import { statusQuerySchema } from "@/lib/knowledge/document-schemas";
import { NextResponse } from "next/server";
import { parseQuery } from "@/app/_server/input";

export const dynamic = "force-dynamic";

/** `GET /api/knowledge/status?ids=a,b`: where the user's uploads are in ingestion, for live progress. */
export const GET = route(async (req) => {
  const user = await requireApiUser();
  const query = parseQuery(req, statusQuerySchema, "ids must be a comma-separated list of document ids.");
  const documents = await documentStatuses(await getDb(), user.id, query.ids);
  return NextResponse.json({ documents }, { headers: { "cache-control": "no-store" } });
});
