"use client";

import { roomAssistantAction } from "@/app/(app)/chat/actions";
import type { EditorBridge } from "@/components/editor/editor-bridge";
import type { CodeAction } from "@/components/ui/markdown";
import type { EditorContext } from "@/lib/ai/editor-context";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ChatThread } from "./chat-thread";
import "./chat.css";

function fileName(path: string): string {
  return path.split("/").pop() || path;
}

function selectionKey(ctx: EditorContext | null): string {
  return ctx?.selection ? `${ctx.filePath}:${ctx.selection.startLine}-${ctx.selection.endLine}` : "";
}

/** The open file and selection as removable chips; what is left is sent with each question. */
function useAttachedContext(editor: EditorBridge | null) {
  const [snapshot, setSnapshot] = useState<EditorContext | null>(() => editor?.snapshot() ?? null);
  const [dismissedFile, setDismissedFile] = useState<string | null>(null);
  const [dismissedSelection, setDismissedSelection] = useState<string | null>(null);
  useEffect(() => editor?.subscribe(() => setSnapshot(editor.snapshot())), [editor]);

  const fileShown = snapshot !== null && dismissedFile !== snapshot.filePath;
  const selectionShown = fileShown && snapshot.selection !== undefined && dismissedSelection !== selectionKey(snapshot);

  const chips = fileShown ? (
    <div className="chat-chips" aria-label="Attached context">
      <span className="chat-chip" title={snapshot.filePath}>
        <span>{fileName(snapshot.filePath)}</span>
        <button type="button" aria-label={`Remove ${fileName(snapshot.filePath)}`} onClick={() => setDismissedFile(snapshot.filePath)}>
          ×
        </button>
      </span>
      {selectionShown && snapshot.selection && (
        <span className="chat-chip">
          <span>
            {fileName(snapshot.filePath)}:{snapshot.selection.startLine}–{snapshot.selection.endLine}
          </span>
          <button type="button" aria-label="Remove selection" onClick={() => setDismissedSelection(selectionKey(snapshot))}>
            ×
          </button>
        </span>
      )}
    </div>
  ) : null;

  /** Read at send time: the editor as it is now, minus what the user removed. */
  function current(): EditorContext | null {
    const now = editor?.snapshot() ?? null;
    if (!now || dismissedFile === now.filePath) return null;
    if (now.selection && dismissedSelection === selectionKey(now)) return { ...now, selection: undefined };
    return now;
  }
  return { chips, current };
}

/**
 * The assistant beside a room's editor: the same thread as the Chat page, tied to the room, with
 * the open file and selection attached and code blocks that edit the shared document.
 */
export function RoomAssistant({ roomId, editor }: { roomId: string; editor: EditorBridge | null }) {
  const state = useQuery({
    queryKey: ["chat", "room-assistant", roomId],
    queryFn: async () => {
      const result = await roomAssistantAction(roomId);
      if (!result.ok) throw new Error(result.message ?? "Could not open the assistant.");
      return result;
    },
    // Fresh on every mount: the thread only reads its initial messages once.
    gcTime: 0,
  });
  const context = useAttachedContext(editor);
  const canEdit = editor?.canEdit() ?? false;
  const reason = "Only editors can change files, and a file must be open.";
  const codeActions: CodeAction[] = [
    { label: "Insert at cursor", onRun: (code) => editor?.insertAtCursor(code), disabled: !canEdit, disabledReason: reason },
    { label: "Replace selection", onRun: (code) => editor?.replaceSelection(code), disabled: !canEdit, disabledReason: reason },
  ];

  return (
    <section className="room-assistant" aria-label="Assistant">
      {state.isPending && <p className="muted chat-small">Opening the assistant…</p>}
      {state.isError && <div className="alert alert-error">{state.error.message}</div>}
      {state.data && (
        <ChatThread
          conversationId={state.data.conversationId}
          initialMessages={state.data.messages}
          setup={state.data.setup}
          roomId={roomId}
          getEditorContext={context.current}
          codeActions={codeActions}
          composerTop={context.chips}
        />
      )}
    </section>
  );
}
