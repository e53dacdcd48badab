import { readJsonBody } from "@/app/_server/body";
import { limitChatTurns } from "@/app/_server/limits";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getAiRuntime, getDb, getPassageSource } from "@/app/_server/runtime";
import { postMessageEndpoint } from "@/lib/api-v1/message-endpoint";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** Posts a message and answers it as JSON, or (`stream: true`) as server-sent events. */
export const POST = route<{ id: string }>(async (req, { params, log }) => {
  const principal = await requirePrincipal(req);
  const body = await readJsonBody(req, getConfig().env.CHAT_MAX_BODY_KB * 1024);
  // One count with the chat page and /v1: the API is no way around the team's limit.
  await limitChatTurns(principal.user.id);
  const deps = { db: await getDb(), ai: getAiRuntime(), passages: getPassageSource(), log };
  return postMessageEndpoint(deps, principal, params.id, body, req.signal);
}, { contentType: "application/json" });
