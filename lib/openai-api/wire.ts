import type { ToolCall } from "../ai/chat-messages";
import type { TokenUsage } from "../ai/stream-chat";
import type { RetrievedPassage } from "../ai/retrieved-passages";

/** A passage the answer may cite, as this API returns it beside the completion (our extension). */
export interface ApiCitation {
  citation: number;
  passageId: string;
  documentName: string;
  page?: number;
  lineStart?: number;
  lineEnd?: number;
  text: string;
}

export function toApiCitations(passages: readonly RetrievedPassage[]): ApiCitation[] {
  return passages.map((p) => ({
    citation: p.citation,
    passageId: p.id,
    documentName: p.source.documentName,
    ...(p.source.page !== undefined && { page: p.source.page }),
    ...(p.source.lineStart !== undefined && { lineStart: p.source.lineStart, lineEnd: p.source.lineEnd ?? p.source.lineStart }),
    text: p.text,
  }));
}

/** What every object of one completion shares. */
export interface CompletionHead {
  id: string;
  created: number;
  /** The model answering (a fallback's when the asked one failed before answering). */
  model: string;
}

export function newCompletionHead(model: string, now = Date.now()): CompletionHead {
  return { id: `chatcmpl-${crypto.randomUUID().replaceAll("-", "")}`, created: Math.floor(now / 1000), model };
}

function openAiUsage(usage: TokenUsage) {
  return { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
}

/** How an answer ended, as the finish event says. */
interface Ending {
  usage: TokenUsage;
  toolCalls?: ToolCall[];
}

const finishReason = (ending: Ending) => (ending.toolCalls ? "tool_calls" : "stop");

const openAiToolCalls = (calls: ToolCall[]) => calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } }));

export function completionBody(head: CompletionHead, content: string, ending: Ending, citations: ApiCitation[] | undefined) {
  const message = {
    role: "assistant",
    content: content === "" && ending.toolCalls ? null : content,
    refusal: null,
    ...(ending.toolCalls && { tool_calls: openAiToolCalls(ending.toolCalls) }),
  };
  return {
    ...head,
    object: "chat.completion",
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(ending) }],
    usage: openAiUsage(ending.usage),
    ...(citations && { citations }),
  };
}

function chunk(head: CompletionHead, choices: unknown[], extra: Record<string, unknown> = {}) {
  return { ...head, object: "chat.completion.chunk", choices, ...extra };
}

export const sse = {
  data: (value: unknown) => `data: ${JSON.stringify(value)}\n\n`,
  done: "data: [DONE]\n\n",
  /** The first chunk, as OpenAI sends it: the role, no content yet. */
  role: (head: CompletionHead) => sse.data(chunk(head, [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }])),
  text: (head: CompletionHead, content: string) => sse.data(chunk(head, [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }])),
  /** The tools the model called, whole, in one chunk (the provider interface hands them over complete). */
  toolCalls: (head: CompletionHead, calls: ToolCall[]) =>
    sse.data(chunk(head, [{ index: 0, delta: { tool_calls: openAiToolCalls(calls).map((c, index) => ({ index, ...c })) }, logprobs: null, finish_reason: null }])),
  finish: (head: CompletionHead, ending: Ending, citations: ApiCitation[] | undefined) =>
    sse.data(chunk(head, [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason(ending) }], citations ? { citations } : {})),
  /** Sent only when the caller asked with `stream_options.include_usage`. */
  usage: (head: CompletionHead, usage: TokenUsage) => sse.data(chunk(head, [], { usage: openAiUsage(usage) })),
};
