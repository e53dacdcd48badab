import { isAppError, type ErrorCode } from "../errors/app-error";
import { estimatePromptTokens, toChatPrompt, withPartialAnswer, type ChatMessage, type ChatPrompt, type ToolCall } from "./chat-messages";
import { createEventQueue } from "./event-queue";
import { aiLogger } from "./log";
import { providerOf, toModelRef, type ModelRef } from "./model-ref";
import { languageModelFor } from "./models";
import type { AiConfig } from "../config/ai";
import { assertProviderConfigured, isProviderConfigured } from "./provider-config";
import type { BreakerRegistry } from "./resilience/breaker-registry";
import { allModelsFailedError, reportAttemptFailure, runWithFallback, type SwitchReason } from "./resilience/fallback";
import { openTextStream, type ProviderTools, type ReportedUsage } from "./text-stream";
import { countTokens } from "./tokens";

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export type ChatEvent =
  | { type: "start"; model: ModelRef }
  | { type: "text"; delta: string }
  | { type: "switch"; from: ModelRef; to: ModelRef; reason: SwitchReason }
  /** `usage` is the final model's; `ttftMs` is null when the answer was empty; `toolCalls` only when it called tools. */
  | { type: "finish"; model: ModelRef; usage: TokenUsage; ttftMs: number | null; totalMs: number; toolCalls?: ToolCall[] }
  | { type: "error"; code: ErrorCode; message: string; retryable: boolean };

export interface StreamChatRequest {
  /** System prompt(s) and the conversation, oldest first, ending with the user's new message. */
  messages: readonly ChatMessage[];
  model: ModelRef;
  /** Tried in order when `model` fails; defaults to the configured AI_FALLBACK_MODELS. */
  fallbacks?: readonly ModelRef[];
  signal?: AbortSignal;
  maxOutputTokens?: number;
  temperature?: number;
  /** Function tools for the model to call; the caller runs them (the OpenAI-compatible API passes them through). */
  tools?: ProviderTools;
}

export interface StreamChatDeps {
  config: AiConfig;
  breakers: BreakerRegistry;
  /** Jitter source for backoff; injectable for tests. */
  random?: () => number;
}

type Emit = (event: ChatEvent) => void;

/** The requested model first, then the fallbacks whose providers are configured, without repeats. */
function planCandidates(request: StreamChatRequest, config: AiConfig): [ModelRef, ...ModelRef[]] {
  const primary = toModelRef(request.model);
  assertProviderConfigured(config, providerOf(primary));
  const fallbacks = (request.fallbacks ?? config.fallbackModels)
    .map(toModelRef)
    .filter((ref) => ref !== primary && isProviderConfigured(config, providerOf(ref)));
  return [primary, ...new Set(fallbacks)];
}

function toTokenUsage(usage: ReportedUsage | undefined, prompt: ChatPrompt, output: string): TokenUsage {
  return {
    inputTokens: usage?.inputTokens ?? estimatePromptTokens(prompt),
    outputTokens: usage?.outputTokens ?? countTokens(output),
  };
}

function toErrorEvent(err: unknown): ChatEvent {
  if (isAppError(err)) {
    return { type: "error", code: err.code, message: err.message, retryable: err.details?.retryable === true };
  }
  aiLogger.error({ err }, "chat stream failed unexpectedly");
  return { type: "error", code: "INTERNAL", message: "Something went wrong on our side.", retryable: false };
}

async function runChat(request: StreamChatRequest, deps: StreamChatDeps, signal: AbortSignal, emit: Emit): Promise<void> {
  const { config } = deps;
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  let ttftMs: number | null = null;
  let answer = "";
  try {
    const candidates = planCandidates(request, config);
    const basePrompt = toChatPrompt(request.messages);
    let remaining: ModelRef[] = candidates;
    let current: { model: ModelRef; reason: SwitchReason } | undefined;
    let resumesOnSameModel = config.retry.maxRetries;
    emit({ type: "start", model: candidates[0] });

    for (;;) {
      const prompt = withPartialAnswer(basePrompt, answer);
      const { model, value: stream, permit } = await runWithFallback({
        candidates: remaining,
        current,
        breakers: deps.breakers,
        retry: config.retry,
        signal,
        random: deps.random,
        onSwitch: (from, to, reason) => emit({ type: "switch", from, to, reason }),
        run: (ref, attemptSignal) =>
          openTextStream({
            model: languageModelFor(ref, config),
            system: prompt.system,
            messages: prompt.messages,
            signal: attemptSignal,
            timeouts: config.timeouts,
            maxOutputTokens: request.maxOutputTokens,
            temperature: request.temperature,
            tools: request.tools,
          }),
      });

      let output = "";
      const onText = (delta: string) => {
        ttftMs ??= elapsed();
        answer += delta;
        output += delta;
        emit({ type: "text", delta });
      };
      try {
        if (stream.firstText !== "") onText(stream.firstText);
        const rest = stream.rest();
        let step = await rest.next();
        for (; !step.done; step = await rest.next()) onText(step.value);
        permit.succeed();
        const { usage, toolCalls } = step.value;
        const finish = { model, usage: toTokenUsage(usage, prompt, output), ttftMs, totalMs: elapsed(), ...(toolCalls.length > 0 && { toolCalls }) };
        aiLogger.info(finish, "AI answer finished");
        emit({ type: "finish", ...finish });
        return;
      } catch (err) {
        stream.close();
        if (signal.aborted) {
          permit.release();
          return;
        }
        // Broke mid-stream: the next model (or, with none left, this one again) continues the answer.
        const failure = reportAttemptFailure(model, err, permit, 0);
        current = { model, reason: failure.kind };
        const next = remaining.slice(remaining.indexOf(model) + 1);
        remaining = next.length > 0 ? next : failure.retryable && resumesOnSameModel-- > 0 ? [model] : [];
        if (remaining.length === 0) {
          throw allModelsFailedError([{ model, kind: failure.kind, retryable: failure.retryable, status: failure.status }]);
        }
      }
    }
  } catch (err) {
    if (!signal.aborted) emit(toErrorEvent(err));
  }
}

/**
 * Streams an answer as events: start, text…, finish — or error, exactly once, when every model
 * failed. Before the first token, failures are retried and fall back silently (apart from a
 * `switch` event); after it, the next model is asked to continue the partial answer. Aborting
 * `signal`, or leaving the loop early, stops the provider request at once.
 */
export function streamChat(request: StreamChatRequest, deps: StreamChatDeps): AsyncIterable<ChatEvent> {
  return {
    [Symbol.asyncIterator]() {
      const controller = new AbortController();
      const stop = () => controller.abort(request.signal?.reason ?? new Error("chat stream closed"));
      if (request.signal?.aborted) stop();
      request.signal?.addEventListener("abort", stop, { once: true });
      const queue = createEventQueue<ChatEvent>(stop);
      void runChat(request, deps, controller.signal, queue.push).finally(() => {
        request.signal?.removeEventListener("abort", stop);
        queue.end();
      });
      return queue.iterator;
    },
  };
}
