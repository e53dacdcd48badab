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

export function completionBody(head: CompletionHead, content: string, usage: TokenUsage, citations: ApiCitation[] | undefined) {
  return {
    ...head,
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: openAiUsage(usage),
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
  finish: (head: CompletionHead, citations: ApiCitation[] | undefined) =>
    sse.data(chunk(head, [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }], citations ? { citations } : {})),
  /** Sent only when the caller asked with `stream_options.include_usage`. */
  usage: (head: CompletionHead, usage: TokenUsage) => sse.data(chunk(head, [], { usage: openAiUsage(usage) })),
};
