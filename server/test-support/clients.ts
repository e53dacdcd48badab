import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { parseServerEvent, type ServerEvent } from "../../lib/collab/events";
import { waitFor } from "./wait";

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A stock y-websocket client, as the browser uses it (BroadcastChannel off: it would bypass the server). */
export class DocClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly closes: CloseInfo[] = [];
  terminal: CloseInfo | null = null;

  constructor(baseUrl: string, roomId: string, token: string | null) {
    this.provider = new WebsocketProvider(baseUrl, roomId, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: token ? { token } : {},
      disableBc: true,
      connect: true,
      maxBackoffTime: 300,
    });
    this.provider.on("connection-close", (event) => {
      if (event) this.closes.push({ code: event.code, reason: event.reason });
    });
    this.provider.on("closed", (event) => {
      this.terminal = { code: event.code, reason: event.reason };
    });
  }

  async synced(timeoutMs = 10_000): Promise<void> {
    await waitFor("the client to sync", () => this.provider.synced, timeoutMs);
  }

  /** Waits until the server closed the socket for good (a 44xx code). */
  async closedForGood(timeoutMs = 10_000): Promise<CloseInfo> {
    return waitFor("a terminal close", () => this.terminal, timeoutMs);
  }

  destroy(): void {
    if (this.doc.isDestroyed) return;
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** A client of the JSON events channel that keeps every event it receives. */
export class EventsClient {
  readonly events: ServerEvent[] = [];
  readonly raw: unknown[] = [];
  close: CloseInfo | null = null;
  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const json = JSON.parse(data.toString()) as unknown;
      this.raw.push(json);
      const event = parseServerEvent(json);
      if (event) this.events.push(event);
    });
    socket.on("close", (code, reason) => {
      this.close = { code, reason: reason.toString() };
    });
  }

  static async open(baseUrl: string, roomId: string, token: string): Promise<EventsClient> {
    const socket = new WebSocket(`${baseUrl}/events/${roomId}?token=${encodeURIComponent(token)}`);
    const client = new EventsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return client;
  }

  send(event: unknown): void {
    this.socket.send(typeof event === "string" ? event : JSON.stringify(event));
  }

  async next<T extends ServerEvent["event_type"]>(type: T, match: (e: Extract<ServerEvent, { event_type: T }>) => boolean = () => true) {
    return waitFor(`a ${type} event`, () =>
      this.events.find((e): e is Extract<ServerEvent, { event_type: T }> => e.event_type === type && match(e as Extract<ServerEvent, { event_type: T }>)),
    );
  }

  end(): void {
    this.socket.close();
  }
}

/** Opens a raw socket and resolves with how the server closed it. */
export function closeOf(url: string, send: (socket: WebSocket) => void = () => undefined): Promise<CloseInfo> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on("open", () => send(socket));
    socket.on("error", () => undefined);
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    setTimeout(() => reject(new Error(`socket to ${url} was not closed`)), 10_000).unref();
  });
}
