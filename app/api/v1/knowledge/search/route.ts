import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getDb, getEmbedder } from "@/app/_server/runtime";
import { searchKnowledgeEndpoint } from "@/lib/api-v1/knowledge-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Passages of the caller's documents (and a room's) for `?q=`, best first, with their citations. */
export const GET = route(async (req) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await searchKnowledgeEndpoint({ db: await getDb(), embedder: getEmbedder() }, principal, Object.fromEntries(req.nextUrl.searchParams)));
});
