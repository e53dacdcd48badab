"use client";

import { useEffect, useState, type ReactNode } from "react";

/** The message box: Enter sends, Shift+Enter breaks the line; Stop while an answer streams. */
export function Composer({
  busy,
  blockedUntil,
  onSend,
  onStop,
  toolbar,
}: {
  busy: boolean;
  /** Epoch ms before which sending is refused (rate limit). */
  blockedUntil: number | null;
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
  toolbar?: ReactNode;
}) {
  const [text, setText] = useState("");
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (blockedUntil === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [blockedUntil]);
  const waitSeconds = blockedUntil !== null && blockedUntil > now ? Math.ceil((blockedUntil - now) / 1000) : 0;

  async function submit() {
    const message = text.trim();
    if (message === "" || busy || waitSeconds > 0) return;
    setText("");
    if (!(await onSend(message))) setText(message);
  }

  return (
    <form
      className="chat-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        aria-label="Message"
        placeholder="Ask about your code… (Enter to send, Shift+Enter for a new line)"
        rows={3}
        maxLength={32_000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <div className="chat-composer-bar">
        <div className="chat-composer-tools">{toolbar}</div>
        {waitSeconds > 0 && <span className="chat-small chat-error-text">You can send again in {waitSeconds} s</span>}
        {busy ? (
          <button type="button" className="btn btn-secondary" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="btn" disabled={text.trim() === "" || waitSeconds > 0}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
