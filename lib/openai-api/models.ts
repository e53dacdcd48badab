import type { AiRuntime } from "../ai/runtime";
import { requireScope, type Principal } from "../auth/principal";

/** GET /v1/models: the team's configured models, named by their model refs (`provider:modelId`). */
export async function listOpenAiModels(ai: AiRuntime, principal: Principal) {
  requireScope(principal, "chat");
  const { models } = await ai.catalogue.list();
  return {
    object: "list",
    data: models.map((m) => ({ id: m.ref, object: "model", created: 0, owned_by: m.provider })),
  };
}
