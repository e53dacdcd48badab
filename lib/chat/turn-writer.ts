import type { UIMessageStreamWriter } from "ai";
import type { ModelRef } from "../ai/model-ref";
import type { ErrorCode } from "../errors/app-error";
import type { Citation } from "./schemas";
import type { ChatMessageMetadata, ChatUIMessage } from "./ui-message";

/** What the UI shows when a turn fails; sent as the error chunk's text (JSON). */
export interface TurnFailure {
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

/** Writes one assistant message as UI message chunks: start, text, model switches, and one ending. */
export interface TurnWriter {
  text(delta: string): void;
  switchModel(model: ModelRef): void;
  finish(metadata?: ChatMessageMetadata): void;
  fail(failure: TurnFailure): void;
  abort(): void;
}

const TEXT_ID = "answer";

export function searchResultsMetadata(): ChatMessageMetadata {
  return { searchResults: true, model: null };
}

export function createTurnWriter(
  writer: UIMessageStreamWriter<ChatUIMessage>,
  messageId: string,
  start: { conversationId: string; model: ModelRef | null; citations: Citation[] },
): TurnWriter {
  let textOpen = false;
  writer.write({ type: "start", messageId, messageMetadata: { ...start, error: null } });
  const closeText = () => {
    if (textOpen) writer.write({ type: "text-end", id: TEXT_ID });
    textOpen = false;
  };
  return {
    text(delta) {
      if (!textOpen) writer.write({ type: "text-start", id: TEXT_ID });
      textOpen = true;
      writer.write({ type: "text-delta", id: TEXT_ID, delta });
    },
    switchModel(model) {
      writer.write({ type: "message-metadata", messageMetadata: { model } });
    },
    finish(metadata = {}) {
      closeText();
      writer.write({ type: "finish", finishReason: "stop", messageMetadata: metadata });
    },
    fail(failure) {
      closeText();
      writer.write({ type: "message-metadata", messageMetadata: { error: failure.code } });
      writer.write({ type: "error", errorText: JSON.stringify(failure) });
    },
    abort() {
      closeText();
      writer.write({ type: "message-metadata", messageMetadata: { error: "STOPPED" } });
      writer.write({ type: "abort", reason: "stopped" });
    },
  };
}
