import type WebSocket from "ws";
import type { RoomRole } from "../lib/collab/room-roles";
import type { Logger } from "../lib/observability/logger";
import { CLOSE, type CloseCode, type CloseReason } from "./close-codes";
import { MessageLimiter } from "./message-limiter";
import { sidecarMetrics } from "./metrics";

export interface ConnectionIdentity {
  userId: string;
  userName: string;
  roomId: string;
  role: RoomRole;
}

export interface ConnectionLimits {
  maxMessagesPerSecond: number;
  /** Messages kept while the connection is being admitted (token, membership, room load). */
  maxQueuedMessages: number;
  /** Outgoing bytes a slow client may have buffered before it is dropped. */
  maxBufferedBytes: number;
  /** Largest encoded room document an update may grow (document sockets). */
  maxRoomBytes: number;
}

type Frame = { data: Buffer; isBinary: boolean };

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/**
 * One client socket, document or events channel. Frames are rate-limited from the first byte and
 * queued until the connection is admitted and its room loaded (so the first sync is answered from
 * the stored document), then handed to `handle` in order. A frame that throws closes only this
 * socket.
 */
export abstract class Connection {
  abstract readonly channel: "doc" | "events";
  identity: ConnectionIdentity | undefined;
  /** When admission finished; the membership check ignores results older than this. */
  admittedAt = 0;
  closed = false;
  private queue: Frame[] | null = [];
  private readonly limiter: MessageLimiter;
  private alive = true;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    readonly socket: WebSocket,
    protected readonly limits: ConnectionLimits,
    protected readonly log: Logger,
  ) {
    this.limiter = new MessageLimiter(limits.maxMessagesPerSecond);
    socket.on("message", (data, isBinary) => this.receive({ data: toBuffer(data), isBinary }));
    socket.on("pong", () => {
      this.alive = true;
    });
    socket.on("error", (err) => {
      // ws has already closed the socket with 1009 when a frame exceeds maxPayload.
      if ((err as { code?: string }).code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") this.countClose("message_too_large");
      log.debug({ err: err.message }, "socket error");
    });
    socket.on("close", () => {
      this.closed = true;
      for (const listener of this.closeListeners.splice(0)) listener();
    });
  }

  get role(): RoomRole {
    return this.identity?.role ?? "viewer";
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Marks the connection admitted and replays the frames that arrived meanwhile. */
  protected start(): void {
    this.admittedAt = Date.now();
    const queued = this.queue ?? [];
    this.queue = null;
    for (const frame of queued) {
      if (this.closed) return;
      this.dispatch(frame);
    }
  }

  /** Sends a frame unless the client is too far behind, in which case it is dropped (it reconnects). */
  send(data: Uint8Array | string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE.tryAgainLater, "client too slow", "slow_consumer");
      return;
    }
    this.socket.send(data);
  }

  close(code: CloseCode, reason: string, metricReason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.countClose(metricReason);
    this.log.debug({ code, reason: metricReason, channel: this.channel, userId: this.identity?.userId }, "closing connection");
    this.socket.close(code, reason);
    // A peer that never answers the close handshake must not hold the socket open.
    setTimeout(() => this.socket.terminate(), 5_000).unref();
  }

  /** Called by the keep-alive timer: terminates a socket that did not answer the previous ping. */
  heartbeat(): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  protected abstract handle(data: Buffer, isBinary: boolean): void;

  private receive(frame: Frame): void {
    if (this.closed) return;
    if (!this.limiter.allow()) {
      this.close(CLOSE.rateLimited, "message rate limit exceeded", "rate_limited");
      return;
    }
    if (this.queue) {
      if (this.queue.length >= this.limits.maxQueuedMessages) {
        this.close(CLOSE.rateLimited, "too many messages before the room was ready", "rate_limited");
        return;
      }
      this.queue.push(frame);
      return;
    }
    this.dispatch(frame);
  }

  private dispatch(frame: Frame): void {
    try {
      this.handle(frame.data, frame.isBinary);
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err), userId: this.identity?.userId }, "closing a connection that sent a malformed message");
      this.close(CLOSE.badRequest, "malformed message", "malformed");
    }
  }

  /** Sockets closed before they joined their room count as rejected, the others as closed. */
  private countClose(reason: CloseReason): void {
    (this.identity ? sidecarMetrics.closedConnections : sidecarMetrics.rejectedConnections).inc({ reason });
  }
}
