import { createUIMessageStream, type UIMessageChunk } from "ai";
import { contextWindowOf } from "../ai/catalogue";
import { assembleContext } from "../ai/context";
import { estimateCost } from "../ai/cost";
import type { EditorContext } from "../ai/editor-context";
import type { ModelRef } from "../ai/model-ref";
import { describeProviderSetup } from "../ai/provider-config";
import type { RetrievedPassage } from "../ai/retrieved-passages";
import type { AiRuntime } from "../ai/runtime";
import { streamChat, type ChatEvent } from "../ai/stream-chat";
import { countTokens } from "../ai/tokens";
import { recordUsageEvents, usageEvent } from "../analytics/usage-events";
import { requireRoomAccess } from "../collab/membership";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Logger } from "../observability/logger";
import { citationsFor } from "./citations";
import { writeModelTitle } from "./model-title";
import { planTurn, saveAssistantMessage, type AssistantRecord, type PreparedTurn, type TurnPlan } from "./messages";
import type { PassageSource } from "./passage-source";
import type { ChatRequest } from "./request";
import type { Citation } from "./schemas";
import { searchResultsAnswer } from "./search-results";
import { createTurnWriter, searchResultsMetadata, type TurnWriter } from "./turn-writer";
import { getChatSettings, pickDefaultModel } from "./settings";
import type { ChatUIMessage } from "./ui-message";

const SYSTEM_PROMPT =
  "You are Elite Coding Assistant, a precise senior software engineer helping a team in their browser IDE. " +
  "Answer concisely in Markdown. Put code in fenced blocks with a language tag. " +
  "When the editor context shows the user's file, refer to it by name and line numbers. " +
  "If you are not sure, say so instead of guessing.";

const RESERVED_OUTPUT_TOKENS = 4_096;

export interface ChatTurnDeps {
  db: Db;
  ai: AiRuntime;
  passages: PassageSource;
  log: Logger;
}

export interface ChatTurnInput extends ChatRequest {
  userId: string;
  /** Aborted when the client goes away or presses stop: the partial answer is kept. */
  signal: AbortSignal;
  /** false: answer without retrieving the team's documents (default: retrieve). */
  knowledge?: boolean;
}

async function retrieve(deps: ChatTurnDeps, userId: string, turn: PreparedTurn): Promise<RetrievedPassage[]> {
  try {
    return await deps.passages.retrieve({ userId, roomId: turn.roomId, question: turn.question });
  } catch (err) {
    // Knowledge is a bonus: an answer without passages beats no answer.
    deps.log.warn({ err }, "passage retrieval failed; answering without passages");
    return [];
  }
}

async function resolveModel(deps: ChatTurnDeps, requested: ModelRef | undefined): Promise<ModelRef | null> {
  if (describeProviderSetup(deps.ai.config).configured.length === 0) return null;
  if (requested) return requested;
  const [settings, catalogue] = await Promise.all([getChatSettings(deps.db), deps.ai.catalogue.list()]);
  const model = pickDefaultModel(settings, catalogue.models);
  if (!model) throw new AppError("AI_NOT_CONFIGURED", "No model is available: the configured providers list none.");
  return model;
}

/** A turn checked and under way, whose answer any writer can carry (the chat's UI stream, the REST API's events). */
export interface BegunChatTurn {
  conversationId: string;
  assistantId: string;
  model: ModelRef | null;
  citations: Citation[];
  /** Writes the answer through `out`, stores it with its usage event, and returns what was stored. */
  run(out: TurnWriter): Promise<AssistantRecord>;
}

/**
 * One chat turn: checks ownership and room access, retrieves passages, asks the model and records
 * the user's message while the model works. Errors before answering throw (and become HTTP errors)
 * once the user's message is recorded; once answering, every outcome — finished, failed, stopped —
 * is stored and reported through the writer.
 */
export async function beginChatTurn(deps: ChatTurnDeps, input: ChatTurnInput): Promise<BegunChatTurn> {
  const plan = await planTurnWithAccess(deps.db, input);
  const { turn } = plan;
  let reply: PreparedReply;
  try {
    reply = await prepareReply(deps, input, turn);
  } catch (err) {
    await plan.save();
    throw err;
  }
  await plan.save().catch((err: unknown) => {
    reply.answer?.stop();
    throw err;
  });
  const { model, passages, answer } = reply;
  const citations = citationsFor(passages);
  const assistantId = crypto.randomUUID();
  return {
    conversationId: turn.conversationId,
    assistantId,
    model,
    citations,
    async run(out) {
      const outcome = await (answer === undefined ? answerWithoutModel(deps, passages, out) : streamAnswer(answer, out));
      const record: AssistantRecord = { ...outcome, id: assistantId, conversationId: turn.conversationId, citations };
      await finishTurn(deps, input.userId, turn, record);
      if (answer && turn.firstTitle && record.error === null) {
        const request = { conversationId: turn.conversationId, firstTitle: turn.firstTitle, question: turn.question, answer: record.content, model: answer.model };
        // In the background: the answer is complete, and the first-message title stays if this fails.
        void writeModelTitle(deps, request).catch((err: unknown) => deps.log.warn({ err }, "writing a model title failed"));
      }
      return record;
    },
  };
}

/** A chat turn streamed as UI message chunks (what the chat page's useChat reads). */
export async function startChatTurn(deps: ChatTurnDeps, input: ChatTurnInput): Promise<ReadableStream<UIMessageChunk>> {
  const begun = await beginChatTurn(deps, input);
  return createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      await begun.run(createTurnWriter(writer, begun.assistantId, { conversationId: begun.conversationId, model: begun.model, citations: begun.citations }));
    },
    onError: (err) => {
      deps.log.error({ err }, "chat turn failed");
      return JSON.stringify({ code: "INTERNAL", message: "Something went wrong on our side." });
    },
  });
}

/** What a turn answers with: the model (null: none configured), the passages, and the request under way. */
interface PreparedReply {
  model: ModelRef | null;
  passages: RetrievedPassage[];
  answer?: StartedAnswer;
}

async function prepareReply(deps: ChatTurnDeps, input: ChatTurnInput, turn: PreparedTurn): Promise<PreparedReply> {
  const model = await resolveModel(deps, input.model);
  const passages = input.knowledge === false ? [] : await retrieve(deps, input.userId, turn);
  if (model === null) return { model, passages };
  return { model, passages, answer: await startAnswer(deps, { input, turn, model, passages }) };
}

async function planTurnWithAccess(db: Db, input: ChatTurnInput): Promise<TurnPlan> {
  const plan = await planTurn(db, input.userId, input.conversationId, input.trigger);
  const { roomId } = plan.turn;
  if (input.roomId !== null && input.roomId !== roomId) {
    throw new AppError("VALIDATION_FAILED", "This conversation does not belong to that room.");
  }
  if (roomId) await requireRoomAccess(db, roomId, input.userId, "read");
  return plan;
}

type TurnOutcome = Omit<AssistantRecord, "id" | "conversationId" | "citations">;

async function answerWithoutModel(deps: ChatTurnDeps, passages: RetrievedPassage[], out: TurnWriter): Promise<TurnOutcome> {
  if (passages.length === 0) {
    const { message } = describeProviderSetup(deps.ai.config);
    out.fail({ code: "AI_NOT_CONFIGURED", message, retryable: false });
    return { content: "", model: null, inputTokens: null, outputTokens: null, ttftMs: null, totalMs: 0, costUsd: null, error: "AI_NOT_CONFIGURED" };
  }
  const content = searchResultsAnswer(passages);
  out.text(content);
  out.finish(searchResultsMetadata());
  return { content, model: null, inputTokens: null, outputTokens: null, ttftMs: null, totalMs: 0, costUsd: null, error: null };
}

/** A model request under way: its events, the model asked, and when the turn started asking. */
interface StartedAnswer {
  events: AsyncIterator<ChatEvent>;
  model: ModelRef;
  startedAt: number;
  stop(): void;
}

/** Builds the prompt and sends it; the provider starts working while the caller does the rest. */
async function startAnswer(
  deps: ChatTurnDeps,
  args: { input: ChatTurnInput; turn: PreparedTurn; model: ModelRef; passages: RetrievedPassage[] },
): Promise<StartedAnswer> {
  const { input, turn, passages } = args;
  const startedAt = performance.now();
  const [catalogueEntry, settings] = await Promise.all([
    deps.ai.catalogue.find(args.model).catch(() => undefined),
    getChatSettings(deps.db),
  ]);
  const { messages } = assembleContext({
    systemPrompt: SYSTEM_PROMPT,
    history: turn.history,
    userMessage: turn.question,
    editor: input.editor as EditorContext | undefined,
    passages,
    contextWindow: contextWindowOf(catalogueEntry),
    reservedOutputTokens: RESERVED_OUTPUT_TOKENS,
  });
  const events = streamChat(
    {
      messages,
      model: args.model,
      fallbacks: settings.fallbackOrder.length > 0 ? settings.fallbackOrder : undefined,
      signal: input.signal,
      maxOutputTokens: RESERVED_OUTPUT_TOKENS,
    },
    deps.ai,
  )[Symbol.asyncIterator]();
  return { events, model: args.model, startedAt, stop: () => void events.return?.() };
}

async function streamAnswer(answer: StartedAnswer, out: TurnWriter): Promise<TurnOutcome> {
  let content = "";
  let model: ModelRef = answer.model;
  let last: ChatEvent | undefined;
  try {
    for (let step = await answer.events.next(); !step.done; step = await answer.events.next()) {
      const event = step.value;
      last = event;
      if (event.type === "text") {
        content += event.delta;
        out.text(event.delta);
      } else if (event.type === "switch") {
        model = event.to;
        out.switchModel(event.to);
      }
    }
  } finally {
    answer.stop();
  }
  const totalMs = Math.round(performance.now() - answer.startedAt);
  const base = { content, model, inputTokens: null, outputTokens: null, ttftMs: null, totalMs, costUsd: null };
  if (last?.type === "finish") {
    const cost = estimateCost(last.model, last.usage);
    out.finish({ model: last.model });
    return { ...base, model: last.model, ...last.usage, ttftMs: last.ttftMs, costUsd: cost?.totalUsd ?? null, error: null };
  }
  // A failed or stopped answer keeps what was written; its tokens are our own count.
  const partial = { ...base, outputTokens: countTokens(content) };
  if (last?.type === "error") {
    out.fail(last);
    return { ...partial, error: last.code };
  }
  // No finish and no error: the user stopped it (or went away).
  out.abort();
  return { ...partial, error: "STOPPED" };
}

async function finishTurn(deps: ChatTurnDeps, userId: string, turn: PreparedTurn, record: AssistantRecord): Promise<void> {
  await saveAssistantMessage(deps.db, record);
  if (record.model === null) return;
  await recordUsageEvents(deps.db, [
    usageEvent(
      "chat.turn",
      { userId, roomId: turn.roomId, model: record.model },
      {
        conversationId: turn.conversationId,
        inputTokens: record.inputTokens ?? 0,
        outputTokens: record.outputTokens ?? 0,
        costUsd: record.costUsd,
        ttftMs: record.ttftMs,
        totalMs: record.totalMs,
        // Stopping is the user's choice, not a failure.
        error: record.error === "STOPPED" ? null : record.error,
      },
    ),
  ]);
}
