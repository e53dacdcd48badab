import type { UIMessage } from "ai";
import type { StoredMessage } from "./messages";
import type { Citation } from "./schemas";

/** What the UI learns about a message besides its text. */
export interface ChatMessageMetadata {
  conversationId?: string;
  /** The model that answered (it changes mid-answer when a fallback takes over). */
  model?: string | null;
  citations?: Citation[];
  /** A stable error code, or "STOPPED" when the user stopped the answer. */
  error?: string | null;
  /** The answer lists knowledge search results because no AI provider is configured. */
  searchResults?: boolean;
  feedback?: { rating: 1 | -1; comment: string | null } | null;
}

export type ChatUIMessage = UIMessage<ChatMessageMetadata>;

export function toUIMessages(messages: readonly StoredMessage[]): ChatUIMessage[] {
  return messages.map((m) => ({
    id: m.id,
    role: m.role,
    parts: m.content === "" ? [] : [{ type: "text", text: m.content, state: "done" }],
    metadata:
      m.role === "assistant"
        ? { model: m.model, citations: m.citations, error: m.error, feedback: m.feedback, searchResults: m.model === null && m.error === null }
        : undefined,
  }));
}
