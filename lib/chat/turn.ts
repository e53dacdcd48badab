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
import { prepareTurn, saveAssistantMessage, type AssistantRecord, type PreparedTurn } from "./messages";
import type { PassageSource } from "./passage-source";
import type { ChatRequest } from "./request";
import { searchResultsAnswer } from "./search-results";
import type { Citation } from "./schemas";
import { createTurnWriter, searchResultsMetadata, type TurnWriter } from "./turn-writer";
import { getChatSettings, pickDefaultModel } from "./settings";
import type { ChatUIMessage } from "./ui-message";

export const SYSTEM_PROMPT =
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

/**
 * One chat turn: checks ownership and room access, records the user's message, retrieves passages
 * and streams the answer as UI message chunks. Errors before streaming throw (and become HTTP
 * errors); once streaming, every outcome — finished, failed, stopped — is stored and reported.
 */
export async function startChatTurn(deps: ChatTurnDeps, input: ChatTurnInput): Promise<ReadableStream<UIMessageChunk>> {
  const { db } = deps;
  const turn = await prepareTurnWithAccess(db, input);
  const model = await resolveModel(deps, input.model);
  const passages = await retrieve(deps, input.userId, turn);
  const citations: Citation[] = passages.map((p) => ({ citation: p.citation, passageId: p.id }));
  const assistantId = crypto.randomUUID();

  return createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      const out = createTurnWriter(writer, assistantId, { conversationId: turn.conversationId, model, citations });
      const record = await (model === null
        ? answerWithoutModel(deps, passages, out)
        : answerWithModel(deps, { input, turn, model, passages }, out));
      await finishTurn(deps, input.userId, turn, { ...record, id: assistantId, conversationId: turn.conversationId, citations });
    },
    onError: (err) => {
      deps.log.error({ err }, "chat turn failed");
      return JSON.stringify({ code: "INTERNAL", message: "Something went wrong on our side." });
    },
  });
}

async function prepareTurnWithAccess(db: Db, input: ChatTurnInput): Promise<PreparedTurn> {
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { userId: true, roomId: true } });
  if (!conversation || conversation.userId !== input.userId) throw new AppError("NOT_FOUND", "No such conversation.");
  if (input.roomId !== null && input.roomId !== conversation.roomId) {
    throw new AppError("VALIDATION_FAILED", "This conversation does not belong to that room.");
  }
  if (conversation.roomId) await requireRoomAccess(db, conversation.roomId, input.userId, "read");
  return prepareTurn(db, input.userId, input.conversationId, input.trigger);
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

async function answerWithModel(
  deps: ChatTurnDeps,
  args: { input: ChatTurnInput; turn: PreparedTurn; model: ModelRef; passages: RetrievedPassage[] },
  out: TurnWriter,
): Promise<TurnOutcome> {
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
  );

  let content = "";
  let model: ModelRef = args.model;
  let last: ChatEvent | undefined;
  for await (const event of events) {
    last = event;
    if (event.type === "text") {
      content += event.delta;
      out.text(event.delta);
    } else if (event.type === "switch") {
      model = event.to;
      out.switchModel(event.to);
    }
  }
  const totalMs = Math.round(performance.now() - startedAt);
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
