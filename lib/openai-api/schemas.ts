import { z } from "zod";
import type { ChatMessage } from "../ai/chat-messages";
import type { ProviderTools } from "../ai/text-stream";
import { userText } from "../forms/text";

/** Ask for the caller's knowledge with this model suffix (e.g. `openai:gpt-4o:knowledge`) or `knowledge: true`. */
export const KNOWLEDGE_SUFFIX = ":knowledge";

const textPartSchema = z.object({ type: z.literal("text"), text: userText() });

const contentSchema = z.union([userText(), z.array(z.looseObject({ type: z.string() })).max(100), z.null()]);

const toolCallSchema = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.literal("function").optional(),
  function: z.looseObject({ name: z.string().min(1).max(200), arguments: z.string().max(1_000_000) }),
});

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: contentSchema.optional(),
  tool_calls: z.array(toolCallSchema).max(128).nullish(),
  tool_call_id: z.string().min(1).max(200).optional(),
});

const functionToolSchema = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z.string().regex(/^[\w-]{1,64}$/, "tool names are 1-64 letters, digits, _ or -"),
    description: z.string().max(10_000).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(["none", "auto", "required"]),
  z.object({ type: z.literal("function"), function: z.object({ name: z.string().min(1).max(64) }) }),
]);

/**
 * The body of POST /v1/chat/completions as OpenAI defines it. Fields this server does not use
 * (n, logprobs, user, seed, …) are accepted and ignored, as OpenAI-compatible servers do.
 */
export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().trim().min(1).max(300),
  messages: z.array(messageSchema).min(1).max(1_000),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().min(1).max(1_000_000).nullish(),
  max_completion_tokens: z.number().int().min(1).max(1_000_000).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  tools: z.array(functionToolSchema).max(128).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  knowledge: z.boolean().nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

export type ParsedMessages = { ok: true; messages: ChatMessage[] } | { ok: false; message: string };

/** OpenAI messages as our text conversation: system and developer become system; text parts are joined. */
export function toChatMessages(messages: ChatCompletionRequest["messages"]): ParsedMessages {
  const out: ChatMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const [i, m] of messages.entries()) {
    if (m.role === "function") return { ok: false, message: `messages[${i}]: "function" messages are deprecated; send "tool" messages` };
    let text = "";
    if (typeof m.content === "string") text = m.content;
    else if (Array.isArray(m.content)) {
      for (const part of m.content) {
        const parsed = textPartSchema.safeParse(part);
        if (!parsed.success) return { ok: false, message: `messages[${i}]: only text content parts are supported` };
        text += parsed.data.text;
      }
    }
    if (m.role === "tool") {
      const name = m.tool_call_id === undefined ? undefined : toolNames.get(m.tool_call_id);
      if (name === undefined) return { ok: false, message: `messages[${i}]: tool_call_id does not answer an earlier tool call` };
      out.push({ role: "tool", content: text, toolCallId: m.tool_call_id, toolName: name });
      continue;
    }
    const toolCalls = (m.role === "assistant" ? (m.tool_calls ?? []) : []).map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
    for (const call of toolCalls) toolNames.set(call.id, call.name);
    out.push({ role: m.role === "developer" ? "system" : m.role, content: text, ...(toolCalls.length > 0 && { toolCalls }) });
  }
  if (!out.some((m) => m.role === "user")) return { ok: false, message: "messages: needs at least one user message" };
  return { ok: true, messages: out };
}

/** The model asked for and whether knowledge was asked for, from the model suffix or the body field. */
export function splitKnowledgeSuffix(model: string, knowledgeField: boolean | null | undefined): { model: string; knowledge: boolean } {
  if (model.endsWith(KNOWLEDGE_SUFFIX)) return { model: model.slice(0, -KNOWLEDGE_SUFFIX.length), knowledge: true };
  return { model, knowledge: knowledgeField === true };
}

type JsonSchema = Extract<NonNullable<ProviderTools["tools"]>[number], { type: "function" }>["inputSchema"];

/** OpenAI's tools and tool_choice in the provider interface's terms. */
export function toProviderTools(request: ChatCompletionRequest): ProviderTools | undefined {
  if (!request.tools || request.tools.length === 0) return undefined;
  const tools = request.tools.map(({ function: f }) => ({
    type: "function" as const,
    name: f.name,
    ...(f.description !== undefined && { description: f.description }),
    inputSchema: (f.parameters ?? { type: "object", properties: {} }) as JsonSchema,
  }));
  const choice = request.tool_choice;
  const toolChoice =
    choice === undefined || choice === null ? undefined : typeof choice === "string" ? { type: choice } : { type: "tool" as const, toolName: choice.function.name };
  return { tools, ...(toolChoice && { toolChoice }) };
}
