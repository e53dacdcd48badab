import { requireScope, type Principal } from "../auth/principal";
import type { AssistantRecord } from "../chat/messages";
import { beginChatTurn, type BegunChatTurn, type ChatTurnDeps } from "../chat/turn";
import type { TurnWriter } from "../chat/turn-writer";
import { AppError } from "../errors/app-error";
import { parseInput } from "../forms/input";
import { resolveCitations, type ApiCitation } from "./citations";
import { postMessageSchema, type MessageStreamEvent } from "./conversation-schemas";
import { conversationIdOf } from "./conversation-endpoints";
import { SSE_HEADERS, sseStream } from "./sse";

// An answer made of search results when no provider is configured names no model.
const NO_MODEL = "search-results";

/** A writer that forwards the answer's text and failure; citations and the ending follow the stored record. */
function eventWriter(send: (event: MessageStreamEvent) => void): TurnWriter {
  return {
    text: (text) => send({ type: "text", text }),
    switchModel: () => undefined,
    finish: () => undefined,
    fail: (failure) => send({ type: "error", error: { code: failure.code, message: failure.message } }),
    abort: () => undefined,
  };
}

function usageOf(record: AssistantRecord) {
  return { inputTokens: record.inputTokens ?? 0, outputTokens: record.outputTokens ?? 0 };
}

async function citationsOf(deps: ChatTurnDeps, record: AssistantRecord): Promise<ApiCitation[]> {
  const [citations] = await resolveCitations(deps.db, [record.citations]);
  return citations ?? [];
}

function streamed(deps: ChatTurnDeps, begun: BegunChatTurn): Response {
  const body = sseStream<MessageStreamEvent>(
    async (send) => {
      const record = await begun.run(eventWriter(send));
      if (record.error !== null) return;
      send({ type: "citations", citations: await citationsOf(deps, record) });
      send({ type: "done", messageId: record.id, model: record.model ?? NO_MODEL, usage: usageOf(record) });
    },
    (err) => {
      deps.log.error({ err }, "API chat turn failed");
      return { type: "error", error: { code: "INTERNAL", message: "Something went wrong on our side." } };
    },
  );
  return new Response(body, { headers: SSE_HEADERS });
}

async function whole(deps: ChatTurnDeps, begun: BegunChatTurn): Promise<Response> {
  let failure: { code: AppError["code"]; message: string } | undefined;
  const record = await begun.run({ ...eventWriter(() => undefined), fail: (f) => (failure = f) });
  if (failure) throw new AppError(failure.code, failure.message);
  // Only a request whose client went away ends without an answer or a failure.
  if (record.error !== null) return new Response(null, { status: 499 });
  const stored = await deps.db.chatMessage.findUniqueOrThrow({ where: { id: record.id }, select: { createdAt: true } });
  const message = { id: record.id, role: "assistant" as const, content: record.content, citations: await citationsOf(deps, record), createdAt: stored.createdAt.toISOString() };
  return Response.json({ message, model: record.model ?? NO_MODEL, usage: usageOf(record) });
}

/**
 * POST /api/v1/conversations/:id/messages (scope `chat`, and `knowledge:read` to use knowledge):
 * one chat turn — the chat page's, stored in the same tables, with the team's models, fallback and
 * usage events — answered as one JSON object or as server-sent events.
 */
export async function postMessageEndpoint(deps: ChatTurnDeps, principal: Principal, rawId: string, body: unknown, signal: AbortSignal): Promise<Response> {
  requireScope(principal, "chat");
  const conversationId = conversationIdOf(rawId);
  const input = parseInput(postMessageSchema, body);
  const knowledge = input.knowledge ?? principal.scopes.has("knowledge:read");
  if (knowledge) requireScope(principal, "knowledge:read");
  const begun = await beginChatTurn(deps, {
    userId: principal.user.id,
    conversationId,
    trigger: { kind: "submit", messageId: crypto.randomUUID(), text: input.content },
    model: input.model,
    editor: undefined,
    roomId: null,
    signal,
    knowledge,
  });
  return input.stream ? streamed(deps, begun) : whole(deps, begun);
}
