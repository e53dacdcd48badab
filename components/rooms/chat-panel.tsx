"use client";

import { LazyMarkdown } from "@/components/ui/lazy-markdown";
import { useEffect, useRef, useState } from "react";
import type { RoomEventsClient } from "./room-events-client";

interface Message {
  id: string;
  userName: string | null;
  body: string;
  createdAt: string;
}

interface Page {
  messages: Message[];
  nextCursor: string | null;
}


const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "short", timeStyle: "short" });

async function fetchPage(roomId: string, before: string | null): Promise<Page> {
  const query = new URLSearchParams({ limit: "30", ...(before ? { before } : {}) });
  const response = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/chat?${query}`);
  if (!response.ok) throw new Error(`chat page failed with ${response.status}`);
  return (await response.json()) as Page;
}

/** Room chat: persisted history paged backwards, live messages through the events socket. */
export function ChatPanel({ roomId, events }: { roomId: string; events: RoomEventsClient | null }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const merge = (incoming: Message[]) =>
    setMessages((current) => {
      const byId = new Map(current.map((m) => [m.id, m]));
      for (const m of incoming) byId.set(m.id, m);
      return [...byId.values()].sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1));
    });

  useEffect(() => {
    let cancelled = false;
    fetchPage(roomId, null)
      .then((page) => {
        if (cancelled) return;
        merge(page.messages);
        setCursor(page.nextCursor);
        setLoaded(true);
      })
      .catch(() => !cancelled && setError("The chat history could not be loaded."));
    return () => {
      cancelled = true;
    };
  }, [roomId]);

  useEffect(
    () =>
      events?.subscribe((event) => {
        if (event.event_type === "chat.message") {
          const p = event.payload;
          merge([{ id: p.id, userName: p.user_name, body: p.body, createdAt: p.created_at }]);
        } else if (event.event_type === "error" && event.payload.rejected_event_type === "chat.send") {
          setError(event.payload.message);
        }
      }),
    [events],
  );

  useEffect(() => {
    if (stickToBottom.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [messages]);

  async function loadOlder() {
    if (!cursor) return;
    stickToBottom.current = false;
    try {
      const page = await fetchPage(roomId, cursor);
      merge(page.messages);
      setCursor(page.nextCursor);
    } catch {
      setError("Older messages could not be loaded.");
    }
  }

  function send(event?: React.FormEvent) {
    event?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    if (!events?.send("chat.send", { body })) {
      setError("Not connected to the room. Try again in a moment.");
      return;
    }
    stickToBottom.current = true;
    setError(null);
    setDraft("");
  }

  return (
    <div className="chat-panel">
      <div
        className="chat-messages"
        ref={list}
        aria-label="Room chat"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {cursor && (
          <button type="button" className="btn btn-secondary btn-small load-older" onClick={() => void loadOlder()}>
            Load older messages
          </button>
        )}
        {loaded && messages.length === 0 && <p className="muted chat-empty">No messages yet. Say hello.</p>}
        {messages.map((m) => (
          <article key={m.id} className="chat-message" data-testid="room-chat-message">
            <header>
              <strong>{m.userName ?? "Former member"}</strong>
              <time dateTime={m.createdAt}>{timeFormat.format(new Date(m.createdAt))}</time>
            </header>
            <LazyMarkdown className="chat-body">{m.body}</LazyMarkdown>
          </article>
        ))}
      </div>
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
      <form className="chat-compose" onSubmit={send}>
        <textarea
          aria-label="Message the room"
          placeholder="Message the room (Markdown)"
          title="Enter sends, Shift+Enter starts a new line"
          value={draft}
          maxLength={4000}
          rows={2}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              send();
            }
          }}
        />
        <button type="submit" className="btn btn-small">
          Send
        </button>
      </form>
    </div>
  );
}
