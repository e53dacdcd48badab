import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createFile, fileText, listFiles } from "../../lib/collab/room-files";
import { nowMs } from "./clock";
import type { ClientSpec, MeasureWindow } from "./protocol";

/** Where a client's measurements go (one per worker process). */
export interface Sink {
  readonly epochMs: number;
  window: MeasureWindow | null;
  sent(room: string): void;
  /** A peer's edit stamped `sentAt` (ms since epoch) arrived at `arrivedAt` (absolute). */
  delivered(sentAt: number, arrivedAt: number): void;
  reconnected(): void;
}

/** Side map carrying each writer's latest send time; the edit itself goes into the room's file. */
const STAMPS_KEY = "bench";
const FILE_PATH = "bench/typing.ts";
const SNIPPET = "const value = compute(input); if (value > limit) { return retry(value); } ";

/**
 * One stock y-websocket client, as the browser runs it (BroadcastChannel off so everything goes
 * through the server). Writers insert a few characters at the end of the room's file every
 * `intervalMs` and, in the same transaction, put their send time in a side Y.Map; every client
 * records, for each remote change of that map, how long it took to arrive.
 */
export class BenchClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly stamps = this.doc.getMap<number>(STAMPS_KEY);
  private text: Y.Text | null = null;
  private timer: NodeJS.Timeout | undefined;
  private synced = false;
  private offset = 0;
  terminalError: string | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly sink: Sink,
  ) {
    this.provider = new WebsocketProvider(spec.serverUrl, spec.room, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: spec.token ? { token: spec.token } : {},
      disableBc: true,
      connect: false,
      maxBackoffTime: 1_000,
    });
    // Writers announce themselves like an editor does; observers keep no awareness state (a 1,500-client
    // room would otherwise exchange 1,500² awareness messages, which measures the clients, not the server).
    if (spec.writer) this.provider.awareness.setLocalStateField("user", { name: spec.name });
    else this.provider.awareness.setLocalState(null);
    this.provider.on("connection-close", () => {
      if (this.synced) sink.reconnected();
    });
    this.provider.on("closed", (event) => {
      this.terminalError = `closed ${event.code} ${event.reason}`;
    });
    this.stamps.observe((event, transaction) => {
      if (transaction.local) return;
      const arrivedAt = nowMs();
      for (const key of event.keysChanged) {
        const sentAt = this.stamps.get(key);
        if (typeof sentAt === "number") sink.delivered(sentAt, arrivedAt);
      }
    });
  }

  get connected(): boolean {
    return this.provider.wsconnected;
  }

  /** Connects and resolves on the first sync with the server. */
  connect(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(this.terminalError ?? `no sync within ${timeoutMs} ms`)), timeoutMs);
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        this.synced = true;
        clearTimeout(timer);
        this.provider.off("sync", onSync);
        resolve();
      };
      this.provider.on("sync", onSync);
      this.provider.connect();
    });
  }

  /** The room's file through lib/collab/room-files; the creator makes it, the others wait for it. */
  bindFile(): boolean {
    if (this.text) return true;
    if (this.spec.creator && listFiles(this.doc).length === 0) createFile(this.doc, FILE_PATH, "// typed by the collab benchmark\n");
    const file = listFiles(this.doc)[0];
    if (!file) return false;
    this.text = fileText(this.doc, file.id);
    return true;
  }

  startWriting(): void {
    if (!this.spec.writer || this.timer) return;
    const interval = this.spec.intervalMs;
    // A random phase, so writers do not all type on the same tick.
    const first = setTimeout(() => {
      this.write();
      this.timer = setInterval(() => this.write(), interval);
    }, Math.random() * interval);
    this.timer = first;
  }

  stopWriting(): void {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    this.timer = undefined;
  }

  destroy(): void {
    this.stopWriting();
    this.provider.destroy();
    this.doc.destroy();
  }

  private write(): void {
    const text = this.text;
    if (!text) return;
    const chunk = SNIPPET.slice(this.offset % SNIPPET.length, (this.offset % SNIPPET.length) + 4) || "\n";
    this.offset += 4;
    const sentAt = nowMs() - this.sink.epochMs;
    this.doc.transact(() => {
      text.insert(text.length, chunk);
      this.stamps.set(String(this.doc.clientID), sentAt);
    });
    const window = this.sink.window;
    if (window && sentAt >= window.start && sentAt < window.end) this.sink.sent(this.spec.room);
  }
}
