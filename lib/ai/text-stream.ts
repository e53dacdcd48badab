import type { PromptMessage } from "./chat-messages";
import { aiLogger } from "./log";
import type { ProviderModel } from "./models";
import { createAttemptGuard, type AttemptTimeouts } from "./resilience/attempt-guard";

type ProviderCallOptions = Parameters<ProviderModel["doStream"]>[0];
type ProviderStreamPart = Awaited<ReturnType<ProviderModel["doStream"]>>["stream"] extends ReadableStream<infer Part> ? Part : never;

/** Token counts as the provider reported them; either may be missing. */
export interface ReportedUsage {
  inputTokens?: number;
  outputTokens?: number;
}

export interface TextStreamRequest {
  model: ProviderModel;
  system?: string;
  messages: readonly PromptMessage[];
  signal: AbortSignal;
  timeouts: AttemptTimeouts;
  maxOutputTokens?: number;
  temperature?: number;
}

/** A provider stream that has produced its first token (or finished without any text). */
export interface OpenedTextStream {
  firstText: string;
  /** The remaining text; returns the provider's usage when the stream ends. Throws mid-stream failures. */
  rest(): AsyncGenerator<string, ReportedUsage | undefined>;
  /** Stops the request; needed only when `rest` is not run to completion. */
  close(): void;
}

function toProviderPrompt(system: string | undefined, messages: readonly PromptMessage[]): ProviderCallOptions["prompt"] {
  return [
    ...(system === undefined ? [] : [{ role: "system" as const, content: system }]),
    ...messages.map(({ role, content }) => ({ role, content: [{ type: "text" as const, text: content }] })),
  ];
}

/**
 * Starts one streamed request and waits for its first token. Rejects with the failure when the
 * provider fails before that (an AiTimeoutError when our timers fired, the abort reason when the
 * caller aborted). It talks to the model's streaming interface directly: streamText's tool,
 * multi-step and telemetry machinery cost about a millisecond per answer and a chain of streams
 * per token, and retries, timeouts and fallbacks are ours anyway.
 */
export async function openTextStream(request: TextStreamRequest): Promise<OpenedTextStream> {
  const guard = createAttemptGuard(request.signal, request.timeouts);
  let parts: ReadableStreamDefaultReader<ProviderStreamPart>;
  try {
    const { stream } = await request.model.doStream({
      prompt: toProviderPrompt(request.system, request.messages),
      maxOutputTokens: request.maxOutputTokens,
      temperature: request.temperature,
      abortSignal: guard.signal,
    });
    parts = stream.getReader();
  } catch (err) {
    guard.dispose();
    throw guard.explain(err);
  }
  let usage: ReportedUsage | undefined;

  function close() {
    guard.dispose();
    void parts.cancel().catch(() => {});
  }

  /** The next piece of text, or undefined once the stream has ended. */
  async function nextText(): Promise<string | undefined> {
    for (;;) {
      const step = await parts.read().catch((err: unknown) => {
        throw guard.explain(err);
      });
      if (step.done) return undefined;
      const part = step.value;
      guard.markActivity();
      // A model that is visibly reasoning is alive: from here on only silence counts against it.
      if (part.type === "reasoning-delta") guard.markFirstToken();
      if (part.type === "text-delta" && part.delta !== "") return part.delta;
      if (part.type === "finish") usage = { inputTokens: part.usage.inputTokens.total, outputTokens: part.usage.outputTokens.total };
      if (part.type === "stream-start" && part.warnings.length > 0) aiLogger.warn({ warnings: part.warnings }, "AI provider ignored some settings");
      if (part.type === "error") throw guard.explain(part.error);
    }
  }

  let firstText: string | undefined;
  try {
    firstText = await nextText();
  } catch (err) {
    close();
    throw err;
  }
  guard.markFirstToken();

  return {
    firstText: firstText ?? "",
    async *rest() {
      try {
        if (firstText === undefined) return usage;
        for (let text = await nextText(); text !== undefined; text = await nextText()) yield text;
        return usage;
      } finally {
        close();
      }
    },
    close,
  };
}
