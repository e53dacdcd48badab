import { streamText, type LanguageModel, type LanguageModelUsage, type ModelMessage } from "ai";
import { createAttemptGuard, type AttemptTimeouts } from "./resilience/attempt-guard";

export interface TextStreamRequest {
  model: LanguageModel;
  system?: string;
  messages: ModelMessage[];
  signal: AbortSignal;
  timeouts: AttemptTimeouts;
  maxOutputTokens?: number;
  temperature?: number;
}

/** A provider stream that has produced its first token (or finished without any text). */
export interface OpenedTextStream {
  firstText: string;
  /** The remaining text; returns the provider's usage when the stream ends. Throws mid-stream failures. */
  rest(): AsyncGenerator<string, LanguageModelUsage | undefined>;
  /** Stops the request; needed only when `rest` is not run to completion. */
  close(): void;
}

/**
 * Starts one streamed request and waits for its first token. Rejects with the failure when the
 * provider fails before that (an AiTimeoutError when our timers fired, the abort reason when the
 * caller aborted). Retries are ours, so the SDK's are switched off.
 */
export async function openTextStream(request: TextStreamRequest): Promise<OpenedTextStream> {
  const guard = createAttemptGuard(request.signal, request.timeouts);
  let result: ReturnType<typeof streamText>;
  try {
    result = streamText({
      model: request.model,
      system: request.system,
      messages: request.messages,
      maxOutputTokens: request.maxOutputTokens,
      temperature: request.temperature,
      abortSignal: guard.signal,
      maxRetries: 0,
      // Failures reach us through the stream; the default handler would print them to the console.
      onError: () => {},
    });
  } catch (err) {
    guard.dispose();
    throw err;
  }
  const parts = result.fullStream[Symbol.asyncIterator]();
  let usage: LanguageModelUsage | undefined;

  function close() {
    guard.dispose();
    void parts.return?.().catch(() => {});
  }

  /** The next piece of text, or undefined once the stream has ended. */
  async function nextText(): Promise<string | undefined> {
    for (;;) {
      const step = await parts.next().catch((err: unknown) => {
        throw guard.explain(err);
      });
      if (step.done) return undefined;
      const part = step.value;
      guard.markActivity();
      // A model that is visibly reasoning is alive: from here on only silence counts against it.
      if (part.type === "reasoning-delta") guard.markFirstToken();
      if (part.type === "text-delta" && part.text !== "") return part.text;
      if (part.type === "finish") usage = part.totalUsage;
      if (part.type === "error") throw guard.explain(part.error);
      if (part.type === "abort") throw guard.explain(request.signal.reason ?? new Error("aborted"));
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
