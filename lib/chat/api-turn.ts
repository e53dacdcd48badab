import type { ChatMessage } from "../ai/chat-messages";
import { estimateCost } from "../ai/cost";
import { formatModelRef, modelRefSchema, type ModelRef } from "../ai/model-ref";
import { isProviderConfigured } from "../ai/provider-config";
import { buildPassagesSection, type RetrievedPassage } from "../ai/retrieved-passages";
import type { AiRuntime } from "../ai/runtime";
import { streamChat, type ChatEvent, type StreamChatRequest, type TokenUsage } from "../ai/stream-chat";
import { countTokens } from "../ai/tokens";
import { recordUsageEvents, usageEvent } from "../analytics/usage-events";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Logger } from "../observability/logger";
import type { PassageSource } from "./passage-source";
import { getChatSettings } from "./settings";

/**
 * A chat turn that keeps no conversation, for the surfaces outside the chat page (the
 * OpenAI-compatible /v1 endpoint, MCP's ask_assistant): the team's models with the admin's fallback
 * order, the caller's knowledge when asked for, and a `chat.turn` usage event like every turn's.
 */
export interface ApiTurnDeps {
  db: Db;
  ai: AiRuntime;
  passages: PassageSource;
  log: Logger;
}

export interface ApiTurnRequest extends Pick<StreamChatRequest, "maxOutputTokens" | "temperature" | "tools"> {
  userId: string;
  /** The room whose knowledge is added besides the user's own; null outside rooms. */
  roomId: string | null;
  model: ModelRef;
  messages: ChatMessage[];
  knowledge: boolean;
  /** The surface the turn came through, as analytics tells them apart. */
  via: "api" | "mcp";
  signal: AbortSignal;
}

type FinishEvent = Extract<ChatEvent, { type: "finish" }>;

export interface ApiTurnOutcome {
  content: string;
  error: string | null;
  finish?: FinishEvent;
}

/** One answer under way. */
export interface ApiTurn {
  /** The model asked for. */
  model: ModelRef;
  /** The model answering: a fallback's when the asked one failed before the answer started. */
  answeringModel: ModelRef;
  /** The passages put in the prompt, numbered as the answer cites them. */
  passages: RetrievedPassage[];
  /** The events read before the answer started (up to the first text, finish or error). */
  buffered: ChatEvent[];
  events: AsyncIterator<ChatEvent>;
  /** Records the turn as a `chat.turn` usage event; never throws. */
  record(outcome: ApiTurnOutcome): Promise<void>;
}

// The share of a prompt the caller's knowledge may add; the caller owns the rest of the context.
const PASSAGES_MAX_TOKENS = 3_000;

/** A model named by its ref (`provider:modelId`) whose provider is configured; NOT_FOUND otherwise. */
export function requestedModel(name: string, ai: AiRuntime): ModelRef {
  const parsed = modelRefSchema.safeParse(name);
  if (!parsed.success || !isProviderConfigured(ai.config, parsed.data.provider)) {
    throw new AppError("NOT_FOUND", `The model "${name}" does not exist here. GET /v1/models lists the models.`, { model: name });
  }
  return formatModelRef(parsed.data);
}

async function knowledgeMessage(deps: ApiTurnDeps, request: ApiTurnRequest): Promise<{ message?: ChatMessage; passages: RetrievedPassage[] }> {
  const question = request.messages.findLast((m) => m.role === "user")?.content ?? "";
  let passages: RetrievedPassage[] = [];
  try {
    passages = await deps.passages.retrieve({ userId: request.userId, roomId: request.roomId, question });
  } catch (err) {
    // As in the chat: an answer without passages beats no answer.
    deps.log.warn({ err }, "passage retrieval failed; answering without passages");
  }
  const section = buildPassagesSection(passages, PASSAGES_MAX_TOKENS);
  const cited = passages.filter((p) => section.included.includes(p.id));
  return { message: cited.length > 0 ? { role: "system", content: section.text } : undefined, passages: cited };
}

function recorder(deps: ApiTurnDeps, request: ApiTurnRequest, startedAt: number): ApiTurn["record"] {
  return async (outcome) => {
    const usage: TokenUsage = outcome.finish?.usage ?? { inputTokens: 0, outputTokens: countTokens(outcome.content) };
    const model = outcome.finish?.model ?? request.model;
    const event = usageEvent(
      "chat.turn",
      { userId: request.userId, roomId: request.roomId, model },
      {
        conversationId: null,
        ...usage,
        costUsd: outcome.finish ? (estimateCost(model, usage)?.totalUsd ?? null) : null,
        ttftMs: outcome.finish?.ttftMs ?? null,
        totalMs: Math.round(performance.now() - startedAt),
        error: outcome.error,
        via: request.via,
      },
    );
    await recordUsageEvents(deps.db, [event]).catch((err: unknown) => deps.log.error({ err }, "recording an API chat turn failed"));
  };
}

/**
 * Starts the turn and waits for the answer to start, so a request every model refused fails here
 * (recorded, then thrown as its AppError) before the caller commits to a response.
 */
export async function startApiTurn(deps: ApiTurnDeps, request: ApiTurnRequest): Promise<ApiTurn> {
  let messages = request.messages;
  let passages: RetrievedPassage[] = [];
  if (request.knowledge) {
    const found = await knowledgeMessage(deps, request);
    passages = found.passages;
    if (found.message) messages = [found.message, ...messages];
  }
  const settings = await getChatSettings(deps.db);
  const startedAt = performance.now();
  const events = streamChat(
    {
      messages,
      model: request.model,
      fallbacks: settings.fallbackOrder.length > 0 ? settings.fallbackOrder : undefined,
      signal: request.signal,
      maxOutputTokens: request.maxOutputTokens,
      temperature: request.temperature,
      tools: request.tools,
    },
    deps.ai,
  )[Symbol.asyncIterator]();
  const turn: ApiTurn = { model: request.model, answeringModel: request.model, passages, buffered: [], events, record: recorder(deps, request, startedAt) };
  for (let step = await events.next(); !step.done; step = await events.next()) {
    turn.buffered.push(step.value);
    if (step.value.type === "error") {
      await turn.record({ content: "", error: step.value.code });
      throw new AppError(step.value.code, step.value.message);
    }
    if (step.value.type === "switch") turn.answeringModel = step.value.to;
    if (step.value.type === "text" || step.value.type === "finish") break;
  }
  return turn;
}

/** All of a turn's events: those read before it started, then the rest. */
export async function* eventsOf(turn: ApiTurn): AsyncGenerator<ChatEvent> {
  yield* turn.buffered;
  for (let step = await turn.events.next(); !step.done; step = await turn.events.next()) yield step.value;
}

/**
 * The whole answer, recorded. A model failing midway throws its AppError; only an aborted request
 * ends without `finish` (its client is gone).
 */
export async function collectAnswer(turn: ApiTurn): Promise<{ content: string; finish?: FinishEvent }> {
  let content = "";
  for await (const event of eventsOf(turn)) {
    if (event.type === "text") content += event.delta;
    if (event.type === "error") {
      await turn.record({ content, error: event.code });
      throw new AppError(event.code, event.message);
    }
    if (event.type === "finish") {
      await turn.record({ content, error: null, finish: event });
      return { content, finish: event };
    }
  }
  await turn.record({ content, error: null });
  return { content };
}
