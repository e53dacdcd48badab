import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getAiRuntime } from "@/app/_server/runtime";
import { listOpenAiModels } from "@/lib/openai-api/models";
import { openAiErrorBody } from "@/lib/openai-api/errors";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** OpenAI's model list: the team's configured models. */
export const GET = route(async (req) => {
  return NextResponse.json(await listOpenAiModels(getAiRuntime(), await requirePrincipal(req)));
}, { errorBody: openAiErrorBody });
