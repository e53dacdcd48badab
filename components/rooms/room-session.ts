import { collabBaseUrl, collabEventsUrl } from "@/lib/collab/collab-url";
import type { RoomRole } from "@/lib/collab/room-roles";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { closeMessage } from "./close-messages";
import { RoomEventsClient } from "./room-events-client";

export interface RoomSessionState {
  status: "connecting" | "connected" | "offline";
  synced: boolean;
  role: RoomRole | null;
  /** A final problem (the room refused the connection); the session stops when set. */
  fatal: string | null;
}

export interface RoomSessionOptions {
  roomId: string;
  user: { id: string; name: string };
  collab: { publicUrl: string | null; port: number };
}

/** Tokens live 10 minutes; renew well before, so automatic reconnects always present a valid one. */
const TOKEN_REFRESH_MS = 4 * 60_000;
const MAX_TOKEN_RETRIES = 3;

/**
 * One user's live connection to a room: the shared Y.Doc over the stock y-websocket provider, its
 * awareness (who is here, which file, cursors), and the JSON events socket. Framework-free; the
 * workspace reads it through subscribe/getState.
 */
export class RoomSession {
  readonly doc = new Y.Doc();
  readonly events: RoomEventsClient;
  provider: WebsocketProvider | null = null;
  private token: string | null = null;
  private state: RoomSessionState = { status: "connecting", synced: false, role: null, fatal: null };
  private readonly listeners = new Set<() => void>();
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private tokenRetries = 0;
  private destroyed = false;
  private readonly base: string;
  private readonly undoManagers = new Map<string, Y.UndoManager>();

  constructor(private readonly options: RoomSessionOptions) {
    this.base = collabBaseUrl({ publicUrl: options.collab.publicUrl, port: options.collab.port, page: window.location });
    this.events = new RoomEventsClient({
      roomId: options.roomId,
      userId: options.user.id,
      url: () => (this.token ? collabEventsUrl(this.base, options.roomId, this.token) : null),
      onTokenExpired: () => void this.renewAndReconnect(),
      onFatal: (code, reason) => this.fail(closeMessage(code, reason)),
      onOpenChange: () => undefined,
    });
  }

  getState = (): RoomSessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async start(): Promise<void> {
    if (!(await this.renewToken()) || this.destroyed || !this.token) return;
    const provider = new WebsocketProvider(this.base, this.options.roomId, this.doc, { params: { token: this.token } });
    this.provider = provider;
    provider.awareness.setLocalStateField("user", { id: this.options.user.id, name: this.options.user.name });
    provider.on("status", ({ status }) => this.set({ status: status === "connected" ? "connected" : status === "connecting" ? "connecting" : "offline" }));
    provider.on("sync", (synced) => {
      if (synced) this.tokenRetries = 0;
      this.set({ synced });
    });
    provider.on("closed", ({ code, reason }) => {
      if (code === 4401) void this.renewAndReconnect();
      else this.fail(closeMessage(code, reason));
    });
    this.events.connect();
    this.refreshTimer = setInterval(() => void this.renewToken(), TOKEN_REFRESH_MS);
  }

  /** The file's undo history of this user's own edits (editors add their binding as a tracked origin). */
  undoManagerFor(fileId: string, text: Y.Text): Y.UndoManager {
    let manager = this.undoManagers.get(fileId);
    if (!manager) {
      manager = new Y.UndoManager(text, { trackedOrigins: new Set() });
      this.undoManagers.set(fileId, manager);
    }
    return manager;
  }

  /** Asks the web app for a fresh token (and the current role); false when the room refused. */
  async renewToken(): Promise<boolean> {
    let response: Response;
    try {
      response = await fetch(`/api/rooms/${encodeURIComponent(this.options.roomId)}/token`, { method: "POST" });
    } catch {
      this.set({ status: "offline" });
      return false;
    }
    if (response.status === 404 || response.status === 401) {
      this.fail(response.status === 401 ? "Your session ended. Sign in again." : "You are no longer a member of this room.");
      return false;
    }
    if (!response.ok) return false;
    const body = (await response.json()) as { token: string; role: RoomRole };
    this.token = body.token;
    if (this.provider) this.provider.params = { token: body.token };
    this.set({ role: body.role });
    return true;
  }

  private async renewAndReconnect(): Promise<void> {
    if (this.tokenRetries++ >= MAX_TOKEN_RETRIES) return this.fail(closeMessage(4401, ""));
    if (!(await this.renewToken())) return;
    if (this.provider && !this.provider.wsconnected) this.provider.connect();
    this.events.connect();
  }

  private fail(message: string): void {
    if (this.state.fatal) return;
    this.set({ fatal: message, status: "offline" });
    this.shutdown();
  }

  private set(patch: Partial<RoomSessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private shutdown(): void {
    clearInterval(this.refreshTimer);
    this.events.close();
    this.provider?.disconnect();
  }

  destroy(): void {
    this.destroyed = true;
    this.shutdown();
    for (const manager of this.undoManagers.values()) manager.destroy();
    this.undoManagers.clear();
    this.provider?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
