import { requireScope, type Principal } from "../auth/principal";
import { collectAnswer, eventsOf, requestedModel, startApiTurn, type ApiTurn, type ApiTurnDeps, type ApiTurnOutcome } from "../chat/api-turn";
import { AppError } from "../errors/app-error";
import { openAiErrorBody } from "./errors";
import { chatCompletionRequestSchema, splitKnowledgeSuffix, toChatMessages, toProviderTools, type ChatCompletionRequest } from "./schemas";
import { completionBody, newCompletionHead, sse, toApiCitations, type ApiCitation, type CompletionHead } from "./wire";

export type CompletionDeps = ApiTurnDeps;

/** One answer under way: what the caller asked for and the turn answering it. */
interface Turn {
  head: CompletionHead;
  citations: ApiCitation[] | undefined;
  api: ApiTurn;
}

function parseRequest(body: unknown): ChatCompletionRequest {
  const parsed = chatCompletionRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("VALIDATION_FAILED", `Invalid request: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "malformed"}`);
  }
  return parsed.data;
}

async function startTurn(deps: CompletionDeps, principal: Principal, request: ChatCompletionRequest, signal: AbortSignal): Promise<Turn> {
  const { model: name, knowledge } = splitKnowledgeSuffix(request.model, request.knowledge);
  if (knowledge) requireScope(principal, "knowledge:read");
  const model = requestedModel(name, deps.ai);
  const converted = toChatMessages(request.messages);
  if (!converted.ok) throw new AppError("VALIDATION_FAILED", `Invalid request: ${converted.message}`);
  const api = await startApiTurn(deps, {
    userId: principal.user.id,
    roomId: null,
    model,
    messages: converted.messages,
    knowledge,
    via: "api",
    signal,
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    tools: toProviderTools(request),
  });
  // The completion names the model that answers, as OpenAI names the snapshot that served an alias.
  return { head: newCompletionHead(api.answeringModel), citations: knowledge ? toApiCitations(api.passages) : undefined, api };
}

async function completeWhole(turn: Turn): Promise<Response> {
  const { content, finish } = await collectAnswer(turn.api);
  // Only an aborted request ends without finish; its client is gone.
  if (!finish) return new Response(null, { status: 499 });
  return Response.json(completionBody(turn.head, content, finish, turn.citations));
}

async function* sseChunks(turn: Turn, includeUsage: boolean): AsyncGenerator<string> {
  let content = "";
  let outcome: ApiTurnOutcome | undefined;
  try {
    yield sse.role(turn.head);
    for await (const event of eventsOf(turn.api)) {
      if (event.type === "text") {
        content += event.delta;
        yield sse.text(turn.head, event.delta);
      } else if (event.type === "finish") {
        outcome = { content, error: null, finish: event };
        if (event.toolCalls) yield sse.toolCalls(turn.head, event.toolCalls);
        yield sse.finish(turn.head, event, turn.citations);
        if (includeUsage) yield sse.usage(turn.head, event.usage);
        yield sse.done;
      } else if (event.type === "error") {
        outcome = { content, error: event.code };
        yield sse.data(openAiErrorBody(new AppError(event.code, event.message)).body);
      }
    }
  } finally {
    // Also when the client went away: what was written is recorded.
    await turn.api.events.return?.();
    await turn.api.record(outcome ?? { content, error: null });
  }
}

function completeStreaming(turn: Turn, includeUsage: boolean): Response {
  const encoder = new TextEncoder();
  const chunks = sseChunks(turn, includeUsage);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const step = await chunks.next();
      if (step.done) controller.close();
      else controller.enqueue(encoder.encode(step.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" } });
}

/**
 * POST /v1/chat/completions for a principal holding `chat`: the team's models, fallback order and
 * resilience (lib/ai streamChat), with the caller's knowledge and its citations when asked for.
 * Answers as one JSON completion or as OpenAI's SSE chunks. Throws AppErrors for the caller to shape.
 */
export async function createChatCompletion(deps: CompletionDeps, principal: Principal, body: unknown, signal: AbortSignal): Promise<Response> {
  requireScope(principal, "chat");
  const request = parseRequest(body);
  const turn = await startTurn(deps, principal, request, signal);
  if (request.stream) return completeStreaming(turn, request.stream_options?.include_usage === true);
  return completeWhole(turn);
}
