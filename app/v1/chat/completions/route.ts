import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { limitChatTurns } from "@/app/_server/limits";
import { getAiRuntime, getDb, getPassageSource } from "@/app/_server/runtime";
import { getConfig } from "@/lib/config";
import { createChatCompletion } from "@/lib/openai-api/completions";
import { openAiErrorBody } from "@/lib/openai-api/errors";

export const dynamic = "force-dynamic";

/** OpenAI's chat completions over the team's models; errors in OpenAI's shape. */
export const POST = route(async (req, { log }) => {
  const principal = await requirePrincipal(req);
  const body = await readJsonBody(req, getConfig().env.CHAT_MAX_BODY_KB * 1024);
  // The same per-user count as the chat page's: the API is no way around the team's limit.
  await limitChatTurns(principal.user.id);
  return createChatCompletion({ db: await getDb(), ai: getAiRuntime(), passages: getPassageSource(), log }, principal, body, req.signal);
}, { contentType: "application/json", errorBody: openAiErrorBody });
