import { makeClientEvent, parseServerEvent, type ClientEventType, type ServerEvent } from "@/lib/collab/events";
import type { clientPayloads } from "@/lib/collab/events";
import type { z } from "zod";

type Listener = (event: ServerEvent) => void;

/**
 * The room's JSON events socket (chat, presence, versions, notifications). Reconnects with backoff
 * after network failures; a 44xx close is final except 4401 (expired token), which asks for a new one.
 */
export class RoomEventsClient {
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private stopped = false;

  constructor(
    private readonly options: {
      roomId: string;
      userId: string;
      url(): string | null;
      onTokenExpired(): void;
      onFatal(code: number, reason: string): void;
      onOpenChange(open: boolean): void;
    },
  ) {}

  connect(): void {
    if (this.stopped || this.socket) return;
    const url = this.options.url();
    if (!url) return;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.options.onOpenChange(true);
    };
    socket.onmessage = (message) => {
      if (typeof message.data !== "string") return;
      let raw: unknown;
      try {
        raw = JSON.parse(message.data);
      } catch {
        return;
      }
      const event = parseServerEvent(raw);
      if (event) for (const listener of this.listeners) listener(event);
    };
    socket.onclose = (close) => {
      this.socket = null;
      this.options.onOpenChange(false);
      if (this.stopped) return;
      if (close.code === 4401) return this.options.onTokenExpired();
      if (close.code >= 4400 && close.code < 4500) return this.options.onFatal(close.code, close.reason);
      const delay = Math.min(10_000, 500 * 2 ** this.attempts++);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  send<T extends ClientEventType>(type: T, payload: z.input<(typeof clientPayloads)[T]>): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(makeClientEvent(type, payload, { roomId: this.options.roomId, userId: this.options.userId })));
    return true;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000);
    this.socket = null;
  }
}
