"use client";

import { useChat } from "@ai-sdk/react";
import type { CodeAction } from "@/components/ui/markdown";
import type { EditorContext } from "@/lib/ai/editor-context";
import type { ChatUIMessage } from "@/lib/chat/ui-message";
import { DefaultChatTransport } from "ai";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { parseChatFailure } from "./chat-errors";
import type { ChatSetup } from "@/lib/chat/chat-setup";
import { Composer } from "./composer";
import { MessageView } from "./message-view";
import { ModelPicker } from "./model-picker";
import { NoProviderPanel } from "./no-provider-panel";

export interface ChatThreadProps {
  /** Null for a new chat: `createConversation` makes one on the first send. */
  conversationId: string | null;
  createConversation?: () => Promise<string | null>;
  initialMessages: ChatUIMessage[];
  setup: ChatSetup;
  roomId?: string | null;
  /** Read at every send: the open file and selection to attach. */
  getEditorContext?: () => EditorContext | null;
  codeActions?: readonly CodeAction[];
  /** Shown above the message box, e.g. the attached-context chips. */
  composerTop?: ReactNode;
  /** Called when an answer starts streaming and when it ended, e.g. to refresh a list of titles. */
  onTurnEnded?: () => void;
  /** Called when an answer was written to its end (not failed, not stopped). */
  onAnswered?: () => void;
}

function textOf(message: ChatUIMessage): string {
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

/** A conversation: messages streaming in, stop, regenerate, edit-and-resend, model choice, errors with retry. */
export function ChatThread(props: ChatThreadProps) {
  const { setup, roomId = null } = props;
  const [model, setModel] = useState<string | null>(setup.defaultModel);
  const [conversationId, setConversationId] = useState(props.conversationId);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  // The server records a stop, but its last word never reaches a client that hung up: mark it here.
  const [stoppedIds, setStoppedIds] = useState<ReadonlySet<string>>(new Set());

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        // Only the newest message travels: the server holds the conversation.
        prepareSendMessagesRequest: ({ trigger, messageId, messages, body }) => {
          const last = messages.at(-1);
          const message = trigger === "submit-message" && last?.role === "user" ? last : undefined;
          return { body: { ...body, trigger, messageId, message } };
        },
      }),
    [],
  );
  const { messages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatUIMessage>({
    id: props.conversationId ?? undefined,
    messages: props.initialMessages,
    transport,
    experimental_throttle: 50,
    onFinish: ({ message, isAbort, isError }) => {
      if (isAbort) setStoppedIds((ids) => new Set(ids).add(message.id));
      props.onTurnEnded?.();
      if (!isAbort && !isError) props.onAnswered?.();
    },
    onError: (err) => {
      const retryAfter = parseChatFailure(err)?.retryAfterSeconds;
      if (retryAfter) setBlockedUntil(Date.now() + retryAfter * 1000);
      props.onTurnEnded?.();
    },
  });
  const failure = parseChatFailure(error);
  // The server titles a new chat before answering: show it as soon as the answer starts.
  const streamingStarted = status === "streaming";
  const { onTurnEnded } = props;
  useEffect(() => {
    if (streamingStarted) onTurnEnded?.();
  }, [streamingStarted, onTurnEnded]);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const busy = status === "submitted" || status === "streaming";
  const lastUser = messages.findLast((m) => m.role === "user");
  const last = messages.at(-1);

  async function ensureConversation(): Promise<string | null> {
    if (conversationId) return conversationId;
    const id = (await props.createConversation?.()) ?? null;
    setConversationId(id);
    return id;
  }

  /** What the server needs besides the message; read at send time so it is current. */
  function requestBody(id: string) {
    return { id, model: model ?? undefined, editorContext: props.getEditorContext?.() ?? undefined, roomId };
  }

  async function send(text: string): Promise<boolean> {
    const id = await ensureConversation();
    if (!id) return false;
    clearError();
    void sendMessage({ text }, { body: requestBody(id) });
    return true;
  }

  function resendLast(text: string) {
    if (!lastUser || !conversationId) return;
    clearError();
    void sendMessage({ text, messageId: lastUser.id }, { body: requestBody(conversationId) });
  }

  const showSetup = !setup.providerConfigured || failure?.code === "AI_NOT_CONFIGURED";
  return (
    <div className="chat-thread">
      <div
        className="chat-messages"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {showSetup && <NoProviderPanel message={setup.setupMessage || failure?.message || ""} />}
        {setup.notes.map((note) => (
          <div key={note} className="alert alert-info">
            {note}
          </div>
        ))}
        {messages.length === 0 && !showSetup && <p className="chat-empty muted">Ask anything about your code. Answers stream in as they are written.</p>}
        {messages.map((message) => {
          const isLast = message === last;
          // The alert below already explains a failed last answer.
          if (isLast && failure && message.role === "assistant" && textOf(message) === "") return null;
          return (
            <MessageView
              key={message.id}
              message={message}
              conversationId={conversationId}
              roomId={roomId}
              streaming={busy && isLast && message.role === "assistant"}
              stopped={stoppedIds.has(message.id)}
              codeActions={props.codeActions}
              onEdit={!busy && message === lastUser ? resendLast : undefined}
              onRegenerate={
                !busy && isLast && message.role === "assistant" && !failure && conversationId
                  ? () => void regenerate({ body: requestBody(conversationId) })
                  : undefined
              }
            />
          );
        })}
        {status === "submitted" && last?.role === "user" && (
          <div className="chat-msg chat-msg-assistant" aria-busy="true">
            <div className="chat-thinking" aria-label="Thinking">
              <span />
              <span />
              <span />
            </div>
          </div>
        )}
        {failure && failure.code !== "AI_NOT_CONFIGURED" && (
          <div className="alert alert-error chat-failure" role="alert">
            <span>{failure.message}</span>
            {lastUser && failure.code !== "RATE_LIMITED" && (
              <button type="button" className="btn btn-secondary btn-small" onClick={() => resendLast(textOf(lastUser))}>
                Retry
              </button>
            )}
          </div>
        )}
      </div>
      {props.composerTop}
      <Composer
        busy={busy}
        blockedUntil={blockedUntil}
        onSend={send}
        onStop={() => void stop()}
        toolbar={<ModelPicker models={setup.models} value={model} onChange={setModel} disabled={busy} />}
      />
    </div>
  );
}
