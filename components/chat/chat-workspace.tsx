"use client";

import { createConversationAction } from "@/app/(app)/chat/actions";
import type { ChatUIMessage } from "@/lib/chat/ui-message";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import type { ChatSetup } from "@/lib/chat/chat-setup";
import { useDisclosure } from "../ui/use-disclosure";
import { ChatThread } from "./chat-thread";
import { CONVERSATIONS_KEY, ConversationList } from "./conversation-list";
import "./chat.css";

// The model writes a new chat's title in the background after the first answer: look again then.
const TITLE_REFRESH_MS = [1_500, 6_000];

/** The Chat page: the conversation list beside one conversation. */
export function ChatWorkspace({
  conversationId,
  initialMessages,
  setup,
}: {
  conversationId: string | null;
  initialMessages: ChatUIMessage[];
  setup: ChatSetup;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [activeId, setActiveId] = useState(conversationId);
  const refreshList = useCallback(() => void queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY }), [queryClient]);
  // "New chat" from a chat that was new on this page, or the open chat deleted: an empty thread.
  const [generation, setGeneration] = useState(0);
  const startOver = () => {
    setActiveId(null);
    setGeneration((n) => n + 1);
  };
  const fresh = generation > 0;
  const titlePending = useRef(false);
  // Narrow screens show the list or the conversation; a button switches.
  const list = useDisclosure("chat-conversations");

  return (
    <div className={`chat-layout${list.open ? " list-open" : ""}`}>
      <h1 className="sr-only">Chat</h1>
      <div className="chat-narrow-bar">
        <button {...list.buttonProps} className="btn btn-secondary btn-small">
          {list.open ? "Back to the chat" : "Chats"}
        </button>
      </div>
      <div className="chat-list-panel" {...list.panelProps}>
        <ConversationList
          activeId={activeId}
          onNewChat={startOver}
          onActiveDeleted={() => {
            startOver();
            router.replace("/chat");
          }}
        />
      </div>
      <ChatThread
        key={`${conversationId ?? "new"}:${generation}`}
        conversationId={fresh ? null : conversationId}
        initialMessages={fresh ? [] : initialMessages}
        setup={setup}
        createConversation={async () => {
          const result = await createConversationAction();
          if (!result.ok) return null;
          // Keep this component (and the answer about to stream) while the address becomes the chat's own.
          window.history.replaceState(null, "", `/chat/${result.id}`);
          setActiveId(result.id);
          refreshList();
          titlePending.current = true;
          return result.id;
        }}
        onTurnEnded={refreshList}
        onAnswered={() => {
          if (!titlePending.current) return;
          titlePending.current = false;
          for (const ms of TITLE_REFRESH_MS) setTimeout(refreshList, ms);
        }}
      />
    </div>
  );
}
