"use client";

import type { EditorBridge } from "@/components/editor/editor-bridge";
import { useReturnFocus } from "@/components/ui/keyboard";
import { baseName } from "@/lib/collab/file-paths";
import { fileText, findFileByPath, readFile } from "@/lib/collab/room-files";
import type { RoomRole } from "@/lib/collab/room-roles";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { remoteCursorCss } from "./awareness-users";
import { ChatPanel } from "./chat-panel";
import type { MonacoEditor } from "./collab-editor";
import { FileTree } from "./file-tree";
import { HistoryPanel, type VersionItem } from "./history-panel";
import { PresenceList } from "./presence-list";
import { QuickVersion } from "./quick-version";
import { RoomEditorBridge } from "./room-editor-bridge";
import { RoomSession, type RoomSessionState } from "./room-session";
import { useAwarenessUsers, useRoomFiles } from "./use-room-doc";
import { VersionPreview } from "./version-preview";
import "./rooms.css";
import "./workspace.css";

const CollabEditor = dynamic(() => import("./collab-editor"), {
  ssr: false,
  loading: () => <div className="editor-loading">Loading editor…</div>,
});

export interface RoomWorkspaceProps {
  room: { id: string; name: string; role: RoomRole };
  user: { id: string; name: string };
  collab: { publicUrl: string | null; port: number };
  /** Renders the Assistant tab; gets the bridge to the open editor. */
  assistant?: (bridge: EditorBridge) => ReactNode;
}

type SideTab = "chat" | "assistant" | "history";
/** On narrow screens one pane fills the room at a time; on wide ones all three stand side by side. */
type Pane = "files" | "editor" | "side";
const SIDE_LABELS: Record<SideTab, string> = { chat: "Chat", assistant: "Assistant", history: "History" };
const SIDE_TABS = Object.keys(SIDE_LABELS) as SideTab[];
const INITIAL: RoomSessionState = { status: "connecting", synced: false, role: null, fatal: null };
const noop = () => () => undefined;

/** A room: file tree, collaborative Monaco tabs, presence, and the side panel (chat, assistant, history). */
export function RoomWorkspace({ room, user, collab, assistant }: RoomWorkspaceProps) {
  const [session, setSession] = useState<RoomSession | null>(null);
  const state = useSyncExternalStore(session?.subscribe ?? noop, session?.getState ?? (() => INITIAL), () => INITIAL);
  const { files, folders } = useRoomFiles(session?.doc ?? null);
  const users = useAwarenessUsers(session, state.synced);
  const [tabs, setTabs] = useState<string[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [side, setSide] = useState<SideTab>("chat");
  const [pane, setPane] = useState<Pane>("files");
  const [assistantOpened, setAssistantOpened] = useState(false);
  const [preview, setPreview] = useState<VersionItem | null>(null);
  const bridge = useMemo(() => new RoomEditorBridge(), []);
  const previewFocus = useReturnFocus();
  const role = state.role ?? room.role;
  const canEdit = role !== "viewer" && !state.fatal;

  useEffect(() => {
    const created = new RoomSession({ roomId: room.id, user, collab });
    // The session is a browser-only external object (sockets, Y.Doc): it can only be made after mount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(created);
    void created.start();
    const offEvents = created.events.subscribe((event) => {
      if (event.event_type === "notification" && event.payload.code === "role_changed") void created.renewToken();
    });
    return () => {
      offEvents();
      created.destroy();
    };
    // One session per room and user; collab settings do not change while the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room.id, user.id]);

  useEffect(() => () => bridge.dispose(), [bridge]);
  useEffect(() => bridge.setCanEdit(canEdit), [bridge, canEdit]);

  const liveIds = new Set(files.map((f) => f.id));
  const openTabs = tabs.filter((id) => liveIds.has(id));
  const activeFile = files.find((f) => f.id === active && liveIds.has(f.id)) ?? null;

  useEffect(() => {
    session?.provider?.awareness.setLocalStateField("file", activeFile?.path ?? null);
  }, [session, activeFile?.path, state.synced]);

  function open(fileId: string) {
    setTabs((current) => (current.includes(fileId) ? current : [...current, fileId]));
    setActive(fileId);
    setPreview(null);
    setPane("editor");
  }

  function showSide(tab: SideTab) {
    setSide(tab);
    if (tab === "assistant") setAssistantOpened(true);
  }

  function close(fileId: string) {
    const remaining = openTabs.filter((id) => id !== fileId);
    setTabs(remaining);
    if (active === fileId) setActive(remaining.at(-1) ?? null);
  }

  function openPreview(version: VersionItem) {
    previewFocus.remember();
    setPreview(version);
    setPane("editor");
  }

  function closePreview() {
    setPreview(null);
    previewFocus.restore();
  }

  function editorMounted(editor: MonacoEditor | null) {
    bridge.setActive(editor && activeFile ? { editor, filePath: activeFile.path, language: activeFile.language, canEdit } : null);
  }

  const awareness = session?.provider?.awareness;
  const cursorCss = awareness ? remoteCursorCss(users, session.doc.clientID) : "";
  const text = session && activeFile ? fileText(session.doc, activeFile.id) : null;
  const currentContent = (path: string) => {
    const file = session ? findFileByPath(session.doc, path) : undefined;
    return session && file ? readFile(session.doc, file.id) : null;
  };

  return (
    <div className="workspace" data-testid="room-workspace">
      <style>{cursorCss}</style>
      <header className="workspace-head">
        <div className="workspace-title">
          <Link href="/rooms" className="muted">
            Rooms
          </Link>
          <span className="muted">/</span>
          <h1>{room.name}</h1>
          <span className={`badge role-${role}`}>{role}</span>
          <span className={`conn conn-${state.status}`} data-testid="connection-status">
            {state.status === "connected" ? (state.synced ? "Live" : "Syncing…") : state.status === "connecting" ? "Connecting…" : "Offline"}
          </span>
        </div>
        <PresenceList users={users} selfId={user.id} />
        <div className="row-actions">
          <a className="btn btn-secondary btn-small" href={`/api/rooms/${room.id}/export`} download>
            Download zip
          </a>
          <Link className="btn btn-secondary btn-small" href={`/rooms/${room.id}/members`}>
            Members
          </Link>
        </div>
      </header>
      {state.fatal && (
        <div className="alert alert-error workspace-alert" role="alert">
          {state.fatal}
        </div>
      )}
      {role === "viewer" && !state.fatal && (
        <div className="alert alert-info workspace-alert" data-testid="viewer-notice">
          You are a viewer in this room: you see every change live and can chat, but you cannot edit files.
        </div>
      )}
      <div className="room-panes" role="tablist" aria-label="Room view">
        <button type="button" role="tab" aria-selected={pane === "files"} aria-controls="room-pane-files" onClick={() => setPane("files")}>
          Files
        </button>
        <button type="button" role="tab" aria-selected={pane === "editor"} aria-controls="room-pane-editor" onClick={() => setPane("editor")}>
          Editor
        </button>
        {SIDE_TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={pane === "side" && side === tab}
            aria-controls={`room-side-${tab}`}
            onClick={() => {
              setPane("side");
              showSide(tab);
            }}
          >
            {SIDE_LABELS[tab]}
          </button>
        ))}
      </div>
      <div className="workspace-body" data-pane={pane}>
        <aside className="workspace-tree" id="room-pane-files" aria-label="Files">
          {session && state.synced ? (
            <FileTree doc={session.doc} files={files} folders={folders} activeFileId={activeFile?.id ?? null} canEdit={canEdit} onOpen={open} />
          ) : (
            <p className="tree-empty">{state.fatal ? "Disconnected." : "Loading files…"}</p>
          )}
        </aside>
        <section className="workspace-editor" id="room-pane-editor">
          <QuickVersion events={session?.events ?? null} canEdit={canEdit} />
          {preview ? (
            <VersionPreview roomId={room.id} version={preview} currentContent={currentContent} onClose={closePreview} />
          ) : (
            <>
              <div className="editor-tabs" role="group" aria-label="Open files">
                {openTabs.map((id) => {
                  const file = files.find((f) => f.id === id);
                  if (!file) return null;
                  return (
                    <div key={id} className={`editor-tab${id === activeFile?.id ? " active" : ""}`} title={file.path}>
                      <button type="button" aria-current={id === activeFile?.id ? "true" : undefined} onClick={() => setActive(id)}>
                        {baseName(file.path)}
                      </button>
                      <button type="button" className="tab-close" aria-label={`Close ${file.path}`} onClick={() => close(id)}>
                        ×
                      </button>
                    </div>
                  );
                })}
              </div>
              <div className="editor-host">
                {text && activeFile && awareness ? (
                  <CollabEditor
                    key={activeFile.id}
                    text={text}
                    awareness={awareness}
                    language={activeFile.language}
                    readOnly={!canEdit}
                    undoManager={session.undoManagerFor(activeFile.id, text)}
                    onEditor={editorMounted}
                  />
                ) : (
                  <div className="editor-empty">{state.synced ? "Open a file from the tree, or create one." : "Connecting to the room…"}</div>
                )}
              </div>
            </>
          )}
        </section>
        <aside className="workspace-side" aria-label="Room panels">
          <div className="side-tabs" role="tablist" aria-label="Room panels">
            {SIDE_TABS.map((tab) => (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={side === tab}
                aria-controls={`room-side-${tab}`}
                className={side === tab ? "active" : ""}
                onClick={() => showSide(tab)}
              >
                {SIDE_LABELS[tab]}
              </button>
            ))}
          </div>
          <div className="side-body">
            <div className="side-pane" role="tabpanel" id="room-side-chat" hidden={side !== "chat"}>
              <ChatPanel roomId={room.id} events={session?.events ?? null} />
            </div>
            <div className="side-pane" role="tabpanel" id="room-side-assistant" hidden={side !== "assistant"}>
              {!assistant ? (
                <p className="muted side-empty">The assistant is not available in this room.</p>
              ) : (
                assistantOpened && assistant(bridge)
              )}
            </div>
            <div className="side-pane" role="tabpanel" id="room-side-history" hidden={side !== "history"}>
              <HistoryPanel roomId={room.id} events={session?.events ?? null} canEdit={canEdit} onPreview={openPreview} />
            </div>
          </div>
        </aside>
      </div>
    </div>
  );
}
