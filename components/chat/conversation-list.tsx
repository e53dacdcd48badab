"use client";

import { deleteConversationAction, renameConversationAction } from "@/app/(app)/chat/actions";
import { onEscape, useRefocusOnClose } from "@/components/ui/keyboard";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { PencilIcon, TrashIcon } from "./icons";

interface ConversationItem {
  id: string;
  title: string;
  updatedAt: string;
}

interface Page {
  items: ConversationItem[];
  nextCursor: string | null;
}

export const CONVERSATIONS_KEY = ["chat", "conversations"] as const;

async function fetchPage(q: string, cursor: string | null): Promise<Page> {
  const params = new URLSearchParams({ limit: "20" });
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/chat/conversations?${params}`);
  if (!response.ok) throw new Error(`Could not load conversations (${response.status})`);
  return (await response.json()) as Page;
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function ConversationRow({ item, active, onDeleted }: { item: ConversationItem; active: boolean; onDeleted: () => void }) {
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(item.title);
  const renameButton = useRefocusOnClose<HTMLButtonElement>(renaming);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });

  if (renaming) {
    return (
      <li className="chat-conv chat-conv-renaming">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const result = await renameConversationAction({ id: item.id, title });
            if (!result.ok) return setProblem(result.message ?? result.fieldErrors?.title ?? "Could not rename");
            setRenaming(false);
            setProblem(null);
            await refresh();
          }}
          onKeyDown={onEscape(() => {
            setTitle(item.title);
            setProblem(null);
            setRenaming(false);
          })}
        >
          <input aria-label="Conversation title" value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} autoFocus />
          <button type="submit" className="btn btn-small">
            Save
          </button>
        </form>
        {problem && <div className="chat-error-text chat-small">{problem}</div>}
      </li>
    );
  }
  return (
    <li className={`chat-conv${active ? " active" : ""}`}>
      <Link href={`/chat/${item.id}`} aria-current={active ? "page" : undefined} title={item.title}>
        {item.title}
      </Link>
      <span className="chat-conv-actions">
        <button type="button" className="chat-icon-btn" aria-label={`Rename ${item.title}`} ref={renameButton} onClick={() => setRenaming(true)}>
          <PencilIcon />
        </button>
        <button
          type="button"
          className="chat-icon-btn"
          aria-label={`Delete ${item.title}`}
          onClick={async () => {
            if (!window.confirm(`Delete "${item.title}"? This cannot be undone.`)) return;
            const result = await deleteConversationAction(item.id);
            if (!result.ok) return;
            await refresh();
            onDeleted();
          }}
        >
          <TrashIcon />
        </button>
      </span>
    </li>
  );
}

/** The user's conversations: newest first, loaded a page at a time, searchable by title and content. */
export function ConversationList({
  activeId,
  onNewChat,
  onActiveDeleted,
}: {
  activeId: string | null;
  onNewChat: () => void;
  onActiveDeleted: () => void;
}) {
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const query = useInfiniteQuery({
    queryKey: [...CONVERSATIONS_KEY, q],
    queryFn: ({ pageParam }) => fetchPage(q, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <nav className="chat-sidebar" aria-label="Conversations">
      <Link href="/chat" className="btn btn-block chat-new" aria-label="Start a new chat" onClick={onNewChat}>
        + New chat
      </Link>
      <input type="search" aria-label="Search conversations" placeholder="Search chats…" value={search} onChange={(e) => setSearch(e.target.value)} />
      {query.isError && <div className="chat-error-text chat-small">Could not load conversations.</div>}
      <ul className="chat-conv-list">
        {items.map((item) => (
          <ConversationRow key={item.id} item={item} active={item.id === activeId} onDeleted={() => item.id === activeId && onActiveDeleted()} />
        ))}
      </ul>
      {query.isPending && <p className="muted chat-small">Loading chats…</p>}
      {query.isSuccess && items.length === 0 && <p className="muted chat-small">{q ? "No chats match." : "No chats yet."}</p>}
      {query.hasNextPage && (
        <button type="button" className="btn btn-secondary btn-small btn-block" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </nav>
  );
}
