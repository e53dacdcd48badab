import type { ModelRef } from "../ai/model-ref";
import type { AiRuntime } from "../ai/runtime";
import { streamChat } from "../ai/stream-chat";
import type { Db } from "../db/client";
import { titleSchema } from "./schemas";

export const TITLE_PROMPT =
  "Write a title for the conversation below: at most 6 words, in the language of the question. " +
  "Keep code identifiers exactly as written. Reply with the title only: no quotes, no Markdown, no final period.";

const EXCERPT_CHARS = 1_500;
const TITLE_TIMEOUT_MS = 20_000;

export interface ModelTitleRequest {
  conversationId: string;
  /** The title from the first message: replaced only if the conversation still has it. */
  firstTitle: string;
  question: string;
  answer: string;
  model: ModelRef;
}

/** The model's reply as a title: its first line without quotes or a final period; null if unusable. */
export function cleanModelTitle(reply: string): string | null {
  const line = reply.trim().split("\n")[0] ?? "";
  const title = line
    .replace(/^(?:#+\s*|title:\s*)+/i, "")
    .replace(/^["'“‘`]+|["'”’`]+$/g, "")
    .replace(/\.$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const parsed = titleSchema.safeParse(title);
  return parsed.success ? parsed.data : null;
}

async function askForTitle(ai: AiRuntime, request: ModelTitleRequest): Promise<string | null> {
  const conversation = `Question:\n${request.question.slice(0, EXCERPT_CHARS)}\n\nAnswer:\n${request.answer.slice(0, EXCERPT_CHARS)}`;
  let reply = "";
  const signal = AbortSignal.timeout(TITLE_TIMEOUT_MS);
  const events = streamChat(
    {
      messages: [
        { role: "system", content: TITLE_PROMPT },
        { role: "user", content: conversation },
      ],
      model: request.model,
      maxOutputTokens: 32,
      signal,
    },
    ai,
  );
  for await (const event of events) {
    if (event.type === "text") reply += event.delta;
    if (event.type === "error") return null;
  }
  return signal.aborted ? null : cleanModelTitle(reply);
}

/**
 * Asks the model that answered a new conversation's first message for a short title, and stores
 * it unless the conversation was renamed (or deleted) meanwhile. Meant to run after the answer, in
 * the background: when the model fails, the first-message title simply stays.
 */
export async function writeModelTitle(deps: { db: Db; ai: AiRuntime }, request: ModelTitleRequest): Promise<string | null> {
  const title = await askForTitle(deps.ai, request);
  if (title === null || title === request.firstTitle) return null;
  const { count } = await deps.db.conversation.updateMany({
    where: { id: request.conversationId, title: request.firstTitle },
    data: { title },
  });
  return count === 1 ? title : null;
}
