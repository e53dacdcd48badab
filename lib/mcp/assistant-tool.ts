import { z } from "zod";
import { requireScope } from "../auth/principal";
import { collectAnswer, requestedModel, startApiTurn } from "../chat/api-turn";
import { getChatSettings, pickDefaultModel } from "../chat/settings";
import { modelRefStringSchema } from "../chat/schemas";
import { requireRoomAccess } from "../collab/membership";
import { roomIdSchema } from "../collab/room-schemas";
import { AppError } from "../errors/app-error";
import { userText } from "../forms/text";
import { citedPassage, documentLinks } from "./knowledge-tools";
import { defineTool, type ToolContext } from "./tool";

const askInput = z.object({
  question: userText().trim().min(1, "Ask a question.").max(32_000).describe("The question for the assistant"),
  roomId: roomIdSchema.optional().describe("Answer with this room's knowledge too (you must be a member)"),
  model: modelRefStringSchema.optional().describe("A model ref such as openai:gpt-4o-mini; the team's default when left out"),
  knowledge: z.boolean().optional().describe("Whether to search the knowledge base first; by default, when the token has knowledge:read"),
});

async function modelFor(ctx: ToolContext, name: string | undefined) {
  if (name !== undefined) return requestedModel(name, ctx.deps.ai);
  const [settings, catalogue] = await Promise.all([getChatSettings(ctx.deps.db), ctx.deps.ai.catalogue.list()]);
  const model = pickDefaultModel(settings, catalogue.models);
  if (!model) throw new AppError("AI_NOT_CONFIGURED", "No AI model is configured on this server.");
  return model;
}

export const askAssistantTool = defineTool({
  name: "ask_assistant",
  title: "Ask the team's assistant",
  description:
    "Asks the team's AI assistant one question and returns its answer. With knowledge (the default when the token " +
    "may read knowledge) the answer draws on your documents and a room's, and cites them as [1], [2]… listed " +
    "under the answer. Needs the chat scope (and knowledge:read for knowledge).",
  scope: "chat",
  input: askInput,
  readOnly: true,
  async run(ctx, input) {
    const { deps, principal } = ctx;
    const userId = principal.user.id;
    const knowledge = input.knowledge ?? principal.scopes.has("knowledge:read");
    if (knowledge) requireScope(principal, "knowledge:read");
    if (input.roomId) await requireRoomAccess(deps.db, input.roomId, userId, "read");
    const model = await modelFor(ctx, input.model);
    // One count with the chat page and /v1: MCP is no way around the team's limit.
    await deps.limitChatTurns(userId);
    const turn = await startApiTurn(deps, {
      userId,
      roomId: input.roomId ?? null,
      model,
      messages: [{ role: "user", content: input.question }],
      knowledge,
      via: "mcp",
      signal: ctx.signal,
    });
    const { content, finish } = await collectAnswer(turn);
    if (!finish) throw new AppError("UNAVAILABLE", "The request was cancelled before the answer finished.");
    const citations = turn.passages.map(citedPassage);
    const sources = citations.map((c) => `[${c.citation}] ${c.documentName}${c.page !== undefined ? `, p. ${c.page}` : ""}`);
    const text = sources.length > 0 ? `${content}\n\nSources:\n${sources.join("\n")}` : content;
    return {
      text,
      structured: { answer: content, model: finish.model, citations, usage: finish.usage },
      links: documentLinks(turn.passages),
    };
  },
});
