import type { ChatMessage } from "../ai/chat-messages";
import { estimateCost } from "../ai/cost";
import { formatModelRef, modelRefSchema, type ModelRef } from "../ai/model-ref";
import { isProviderConfigured } from "../ai/provider-config";
import { buildPassagesSection, type RetrievedPassage } from "../ai/retrieved-passages";
import type { AiRuntime } from "../ai/runtime";
import { streamChat, type ChatEvent, type TokenUsage } from "../ai/stream-chat";
import { countTokens } from "../ai/tokens";
import { recordUsageEvents, usageEvent } from "../analytics/usage-events";
import { requireScope, type Principal } from "../auth/principal";
import type { PassageSource } from "../chat/passage-source";
import { getChatSettings } from "../chat/settings";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Logger } from "../observability/logger";
import { openAiErrorBody } from "./errors";
import { chatCompletionRequestSchema, splitKnowledgeSuffix, toChatMessages, toProviderTools, type ChatCompletionRequest } from "./schemas";
import { completionBody, newCompletionHead, sse, toApiCitations, type ApiCitation, type CompletionHead } from "./wire";

export interface CompletionDeps {
  db: Db;
  ai: AiRuntime;
  passages: PassageSource;
  log: Logger;
}

// The share of a prompt the caller's knowledge may add; the caller owns the rest of the context.
const PASSAGES_MAX_TOKENS = 3_000;

/** One answer under way: what the caller asked for and the events of the model answering. */
interface Turn {
  head: CompletionHead;
  model: ModelRef;
  citations: ApiCitation[] | undefined;
  events: AsyncIterator<ChatEvent>;
  startedAt: number;
  /** The events read before the response was committed (up to the first text, finish or error). */
  buffered: ChatEvent[];
}

function requestedModel(name: string, ai: AiRuntime): ModelRef {
  const parsed = modelRefSchema.safeParse(name);
  if (!parsed.success || !isProviderConfigured(ai.config, parsed.data.provider)) {
    throw new AppError("NOT_FOUND", `The model "${name}" does not exist here. GET /v1/models lists the models.`, { model: name });
  }
  return formatModelRef(parsed.data);
}

async function knowledgeMessage(deps: CompletionDeps, userId: string, messages: ChatMessage[]): Promise<{ message?: ChatMessage; passages: RetrievedPassage[] }> {
  const question = messages.findLast((m) => m.role === "user")?.content ?? "";
  let passages: RetrievedPassage[] = [];
  try {
    passages = await deps.passages.retrieve({ userId, roomId: null, question });
  } catch (err) {
    // As in the chat: an answer without passages beats no answer.
    deps.log.warn({ err }, "passage retrieval failed; answering without passages");
  }
  const section = buildPassagesSection(passages, PASSAGES_MAX_TOKENS);
  const cited = passages.filter((p) => section.included.includes(p.id));
  return { message: cited.length > 0 ? { role: "system", content: section.text } : undefined, passages: cited };
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
  let messages = converted.messages;
  let citations: ApiCitation[] | undefined;
  if (knowledge) {
    const found = await knowledgeMessage(deps, principal.user.id, messages);
    citations = toApiCitations(found.passages);
    if (found.message) messages = [found.message, ...messages];
  }
  const settings = await getChatSettings(deps.db);
  const startedAt = performance.now();
  const events = streamChat(
    {
      messages,
      model,
      fallbacks: settings.fallbackOrder.length > 0 ? settings.fallbackOrder : undefined,
      signal,
      maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
      temperature: request.temperature ?? undefined,
      tools: toProviderTools(request),
    },
    deps.ai,
  )[Symbol.asyncIterator]();
  const turn: Turn = { head: newCompletionHead(model), model, citations, events, startedAt, buffered: [] };
  // Wait for the answer to start, so a request every model refused gets an HTTP error status.
  for (let step = await events.next(); !step.done; step = await events.next()) {
    turn.buffered.push(step.value);
    if (step.value.type === "error") {
      await record(deps, principal, turn, { content: "", error: step.value.code });
      throw new AppError(step.value.code, step.value.message);
    }
    // The completion names the model that answers, as OpenAI names the snapshot that served an alias.
    if (step.value.type === "switch") turn.head.model = step.value.to;
    if (step.value.type === "text" || step.value.type === "finish") break;
  }
  return turn;
}

/** All of a turn's events: those read before committing, then the rest. */
async function* eventsOf(turn: Turn): AsyncGenerator<ChatEvent> {
  yield* turn.buffered;
  for (let step = await turn.events.next(); !step.done; step = await turn.events.next()) yield step.value;
}

interface Outcome {
  content: string;
  error: string | null;
  finish?: Extract<ChatEvent, { type: "finish" }>;
}

/** Records the turn like the chat's: a `chat.turn` usage event the dashboard counts. */
async function record(deps: CompletionDeps, principal: Principal, turn: Turn, outcome: Outcome): Promise<void> {
  const usage: TokenUsage = outcome.finish?.usage ?? { inputTokens: 0, outputTokens: countTokens(outcome.content) };
  const model = outcome.finish?.model ?? turn.model;
  const event = usageEvent(
    "chat.turn",
    { userId: principal.user.id, model },
    {
      conversationId: null,
      ...usage,
      costUsd: outcome.finish ? (estimateCost(model, usage)?.totalUsd ?? null) : null,
      ttftMs: outcome.finish?.ttftMs ?? null,
      totalMs: Math.round(performance.now() - turn.startedAt),
      error: outcome.error,
      via: "api",
    },
  );
  await recordUsageEvents(deps.db, [event]).catch((err: unknown) => deps.log.error({ err }, "recording an API chat turn failed"));
}

async function completeWhole(deps: CompletionDeps, principal: Principal, turn: Turn): Promise<Response> {
  let content = "";
  for await (const event of eventsOf(turn)) {
    if (event.type === "text") content += event.delta;
    if (event.type === "error") {
      await record(deps, principal, turn, { content, error: event.code });
      throw new AppError(event.code, event.message);
    }
    if (event.type === "finish") {
      await record(deps, principal, turn, { content, error: null, finish: event });
      return Response.json(completionBody(turn.head, content, event, turn.citations));
    }
  }
  // Only an aborted request ends without finish or error; its client is gone.
  await record(deps, principal, turn, { content, error: null });
  return new Response(null, { status: 499 });
}

async function* sseChunks(deps: CompletionDeps, principal: Principal, turn: Turn, includeUsage: boolean): AsyncGenerator<string> {
  let content = "";
  let outcome: Outcome | undefined;
  try {
    yield sse.role(turn.head);
    for await (const event of eventsOf(turn)) {
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
    await turn.events.return?.();
    await record(deps, principal, turn, outcome ?? { content, error: null });
  }
}

function completeStreaming(deps: CompletionDeps, principal: Principal, turn: Turn, includeUsage: boolean): Response {
  const encoder = new TextEncoder();
  const chunks = sseChunks(deps, principal, turn, includeUsage);
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
  if (request.stream) return completeStreaming(deps, principal, turn, request.stream_options?.include_usage === true);
  return completeWhole(deps, principal, turn);
}
