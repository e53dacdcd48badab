import { z } from "zod";
import type { ChatMessage } from "../ai/chat-messages";
import { userText } from "../forms/text";

/** Ask for the caller's knowledge with this model suffix (e.g. `openai:gpt-4o:knowledge`) or `knowledge: true`. */
export const KNOWLEDGE_SUFFIX = ":knowledge";

const textPartSchema = z.object({ type: z.literal("text"), text: userText() });

const contentSchema = z.union([userText(), z.array(z.looseObject({ type: z.string() })).max(100), z.null()]);

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: contentSchema.optional(),
});

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
  tools: z.array(z.unknown()).max(128).nullish(),
  knowledge: z.boolean().nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

export type ParsedMessages = { ok: true; messages: ChatMessage[] } | { ok: false; message: string };

/** OpenAI messages as our text conversation: system and developer become system; text parts are joined. */
export function toChatMessages(messages: ChatCompletionRequest["messages"]): ParsedMessages {
  const out: ChatMessage[] = [];
  for (const [i, m] of messages.entries()) {
    if (m.role === "tool" || m.role === "function") return { ok: false, message: `messages[${i}]: tool messages are not supported` };
    let text = "";
    if (typeof m.content === "string") text = m.content;
    else if (Array.isArray(m.content)) {
      for (const part of m.content) {
        const parsed = textPartSchema.safeParse(part);
        if (!parsed.success) return { ok: false, message: `messages[${i}]: only text content parts are supported` };
        text += parsed.data.text;
      }
    }
    out.push({ role: m.role === "developer" ? "system" : m.role, content: text });
  }
  if (!out.some((m) => m.role === "user")) return { ok: false, message: "messages: needs at least one user message" };
  return { ok: true, messages: out };
}

/** The model asked for and whether knowledge was asked for, from the model suffix or the body field. */
export function splitKnowledgeSuffix(model: string, knowledgeField: boolean | null | undefined): { model: string; knowledge: boolean } {
  if (model.endsWith(KNOWLEDGE_SUFFIX)) return { model: model.slice(0, -KNOWLEDGE_SUFFIX.length), knowledge: true };
  return { model, knowledge: knowledgeField === true };
}
