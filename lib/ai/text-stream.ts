import type { PromptMessage, ToolCall } from "./chat-messages";
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

/** How a stream ended: the provider's usage, and the tools the model called (when it was given any). */
export interface StreamEnd {
  usage?: ReportedUsage;
  toolCalls: ToolCall[];
}

/** Function tools and the choice among them, in the provider interface's terms. */
export type ProviderTools = Pick<ProviderCallOptions, "tools" | "toolChoice">;

export interface TextStreamRequest {
  model: ProviderModel;
  system?: string;
  messages: readonly PromptMessage[];
  signal: AbortSignal;
  timeouts: AttemptTimeouts;
  maxOutputTokens?: number;
  temperature?: number;
  tools?: ProviderTools;
}

/** A provider stream that has produced its first token (or finished without any text). */
export interface OpenedTextStream {
  firstText: string;
  /** The remaining text; returns the usage and tool calls when the stream ends. Throws mid-stream failures. */
  rest(): AsyncGenerator<string, StreamEnd>;
  /** Stops the request; needed only when `rest` is not run to completion. */
  close(): void;
}

function toProviderPrompt(system: string | undefined, messages: readonly PromptMessage[]): ProviderCallOptions["prompt"] {
  return [
    ...(system === undefined ? [] : [{ role: "system" as const, content: system }]),
    ...messages.map(toProviderMessage),
  ];
}

function toProviderMessage(m: PromptMessage): ProviderCallOptions["prompt"][number] {
  if (m.role === "tool") {
    const output = { type: "text" as const, value: m.content };
    return { role: "tool", content: [{ type: "tool-result", toolCallId: m.toolCallId ?? "", toolName: m.toolName ?? "", output }] };
  }
  const text = [{ type: "text" as const, text: m.content }];
  if (m.role === "user") return { role: "user", content: text };
  const calls = (m.toolCalls ?? []).map((c) => ({ type: "tool-call" as const, toolCallId: c.id, toolName: c.name, input: parseArguments(c.arguments) }));
  return { role: "assistant", content: [...(m.content !== "" || calls.length === 0 ? text : []), ...calls] };
}

/** Tool arguments as the provider interface takes them (an object); text that is not JSON stays text. */
function parseArguments(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
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
      ...request.tools,
      abortSignal: guard.signal,
    });
    parts = stream.getReader();
  } catch (err) {
    guard.dispose();
    throw guard.explain(err);
  }
  let usage: ReportedUsage | undefined;
  const toolCalls: ToolCall[] = [];

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
      if (part.type === "reasoning-delta" || part.type === "tool-input-start") guard.markFirstToken();
      if (part.type === "tool-call") toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
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
        if (firstText !== undefined) for (let text = await nextText(); text !== undefined; text = await nextText()) yield text;
        return { usage, toolCalls };
      } finally {
        close();
      }
    },
    close,
  };
}
