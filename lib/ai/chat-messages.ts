import { z } from "zod";
import { AppError } from "../errors/app-error";
import { countMessageTokens, countTokens } from "./tokens";

/** A function call a model asked for; `arguments` is JSON text, as OpenAI clients send and expect it. */
const toolCallSchema = z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(200), arguments: z.string() });
export type ToolCall = z.infer<typeof toolCallSchema>;

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
  /** On an assistant message: the tools it called (only the OpenAI-compatible API passes tools through). */
  toolCalls: z.array(toolCallSchema).max(128).optional(),
  /** On a tool message: the call it answers and that tool's name. */
  toolCallId: z.string().max(200).optional(),
  toolName: z.string().max(200).optional(),
});

export type ChatMessage = z.infer<typeof chatMessageSchema>;

const chatMessagesSchema = z
  .array(chatMessageSchema)
  .refine((messages) => messages.some((m) => m.role === "user"), "needs at least one user message");

/** A conversation message of a prompt: text, plus tool calls and results when a caller passes tools. */
export type PromptMessage = Omit<ChatMessage, "role"> & { role: "user" | "assistant" | "tool" };

export interface ChatPrompt {
  /** All system messages, joined; providers take it apart from the conversation. */
  system?: string;
  messages: PromptMessage[];
}

/** The text that asks a model to carry on an answer another model (or attempt) left unfinished. */
export const CONTINUE_INSTRUCTION =
  "Your previous reply was cut off by a connection problem. Continue it from exactly where it stopped: " +
  "start with the very next characters, do not repeat anything already written, and add no preamble.";

export function toChatPrompt(input: readonly ChatMessage[]): ChatPrompt {
  const parsed = chatMessagesSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `Invalid chat messages: ${parsed.error.issues[0]?.message ?? "malformed"}`);
  }
  const system = parsed.data
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const messages = parsed.data.flatMap((m): PromptMessage[] => (m.role === "system" ? [] : [{ ...m, role: m.role }]));
  return { system: system === "" ? undefined : system, messages };
}

/** The prompt plus the partial answer so far and the instruction to continue it. */
export function withPartialAnswer(prompt: ChatPrompt, partial: string): ChatPrompt {
  if (partial === "") return prompt;
  return {
    system: prompt.system,
    messages: [...prompt.messages, { role: "assistant", content: partial }, { role: "user", content: CONTINUE_INSTRUCTION }],
  };
}

/** Our own count, for providers that do not report usage. */
export function estimatePromptTokens(prompt: ChatPrompt): number {
  const messageTokens = prompt.messages.reduce((sum, m) => sum + countMessageTokens(m), 0);
  return countTokens(prompt.system ?? "") + messageTokens;
}
