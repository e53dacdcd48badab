"use client";

import { onEscape, useRefocusOnClose } from "@/components/ui/keyboard";
import { LazyMarkdown } from "@/components/ui/lazy-markdown";
import type { CodeAction } from "@/components/ui/markdown";
import type { ChatUIMessage } from "@/lib/chat/ui-message";
import { useState } from "react";
import { citationSource, linkCitations, passageHref } from "./citations";
import { FeedbackButtons, type Feedback } from "./feedback-buttons";
import { MessageActionsExtra } from "./message-actions-extra";

function textOf(message: ChatUIMessage): string {
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

interface MessageViewProps {
  message: ChatUIMessage;
  conversationId: string | null;
  roomId: string | null;
  /** Still being written. */
  streaming: boolean;
  /** Stopped by the user in this page (a stored stop arrives as `metadata.error`). */
  stopped?: boolean;
  codeActions?: readonly CodeAction[];
  /** Set on the last user message while idle: edit and resend it. */
  onEdit?: (text: string) => void;
  /** Set on the last answer while idle. */
  onRegenerate?: () => void;
}

function UserMessage({ message, onEdit }: Pick<MessageViewProps, "message" | "onEdit">) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const editButton = useRefocusOnClose<HTMLButtonElement>(editing);
  const text = textOf(message);
  if (editing && onEdit) {
    return (
      <form
        className="chat-msg chat-msg-user chat-editing"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim() === "") return;
          setEditing(false);
          onEdit(draft.trim());
        }}
        onKeyDown={onEscape(() => setEditing(false))}
      >
        <textarea aria-label="Edit message" value={draft} rows={3} onChange={(e) => setDraft(e.target.value)} autoFocus />
        <div className="chat-row-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-small">
            Save and resend
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="chat-msg chat-msg-user" data-testid="user-message">
      <LazyMarkdown className="chat-bubble">{text}</LazyMarkdown>
      {onEdit && (
        <div className="chat-row-actions">
          <button
            type="button"
            className="chat-link-btn"
            ref={editButton}
            onClick={() => {
              setDraft(text);
              setEditing(true);
            }}
          >
            Edit
          </button>
        </div>
      )}
    </div>
  );
}

function AssistantMessage({ message, conversationId, roomId, streaming, stopped, codeActions, onRegenerate }: MessageViewProps) {
  const meta = message.metadata ?? {};
  const [feedback, setFeedback] = useState<Feedback | null>(meta.feedback ?? null);
  const text = textOf(message);
  const finished = !streaming;
  const citations = meta.citations ?? [];
  const error = stopped ? "STOPPED" : meta.error;
  if (finished && text === "") {
    return (
      <div className="chat-msg chat-msg-assistant chat-msg-failed" data-testid="assistant-message">
        No answer{error ? ` (${error === "STOPPED" ? "stopped" : error})` : ""}.
      </div>
    );
  }
  return (
    <div className="chat-msg chat-msg-assistant" data-testid="assistant-message" aria-busy={streaming}>
      <div className="chat-msg-head">
        <span className="chat-model" data-testid="answer-model">
          {meta.searchResults ? "Knowledge search" : (meta.model ?? "Assistant")}
        </span>
        {error === "STOPPED" && (
          <span className="badge chat-stopped" data-testid="answer-stopped" title="You stopped this answer before it was finished">
            stopped
          </span>
        )}
      </div>
      {text === "" && streaming ? (
        <div className="chat-thinking" aria-label="Thinking">
          <span />
          <span />
          <span />
        </div>
      ) : (
        <LazyMarkdown codeActions={codeActions}>{linkCitations(text, citations)}</LazyMarkdown>
      )}
      {citations.length > 0 && (
        <div className="chat-sources">
          Sources:{" "}
          {citations.map((c) => {
            const source = citationSource(c);
            return (
              <a key={c.citation} className="chat-source" href={passageHref(c.passageId, c.terms)} title={source ?? undefined} data-testid="citation-chip">
                [{c.citation}]{source && <span className="chat-source-name"> {source}</span>}
              </a>
            );
          })}
        </div>
      )}
      {finished && text !== "" && (
        <div className="chat-row-actions chat-answer-actions">
          {conversationId && <FeedbackButtons messageId={message.id} initial={feedback} onChange={setFeedback} />}
          {onRegenerate && (
            <button type="button" className="chat-link-btn" onClick={onRegenerate}>
              Regenerate
            </button>
          )}
          {conversationId && (
            <MessageActionsExtra messageId={message.id} conversationId={conversationId} roomId={roomId} rating={feedback?.rating ?? null} />
          )}
        </div>
      )}
    </div>
  );
}

export function MessageView(props: MessageViewProps) {
  return props.message.role === "user" ? <UserMessage message={props.message} onEdit={props.onEdit} /> : <AssistantMessage {...props} />;
}
