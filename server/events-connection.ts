import { makeServerEvent, parseClientEvent, type ClientEvent, type EventRejection, type ServerEvent } from "../lib/collab/events";
import { isAppError } from "../lib/errors/app-error";
import { Connection, type ConnectionIdentity } from "./connection";
import type { PresenceUser } from "./room-presence";

/** What an events socket needs of its room; room.ts implements it (an interface, so the two do not import each other). */
export interface EventsRoom {
  readonly id: string;
  addConnection(conn: EventsConnection): void;
  presenceSummary(): PresenceUser[];
}

/** Handles one client event of this socket; the sidecar binds it to the room. */
export type ClientEventHandler = (event: ClientEvent, conn: EventsConnection) => Promise<void>;

/**
 * A JSON events socket on `/events/<roomId>`. Each text frame is one client event; anything
 * malformed, unknown or not allowed is answered with an `error` event on this socket only, and the
 * socket stays open. Events from one socket are handled one after another, in order.
 */
export class EventsConnection extends Connection {
  readonly channel = "events";
  private room: EventsRoom | undefined;
  private handler: ClientEventHandler | undefined;
  private chain: Promise<void> = Promise.resolve();

  attach(identity: ConnectionIdentity, room: EventsRoom, handler: ClientEventHandler): void {
    this.identity = identity;
    this.room = room;
    this.handler = handler;
    room.addConnection(this);
    this.sendEvent(makeServerEvent("presence.summary", { users: room.presenceSummary() }, { roomId: room.id, userId: null }));
    this.start();
  }

  sendEvent(event: ServerEvent): void {
    this.send(JSON.stringify(event));
  }

  protected handle(data: Buffer, isBinary: boolean): void {
    const { room, handler, identity } = this;
    if (!room || !handler || !identity) return;
    if (isBinary) return this.reject({ code: "MALFORMED", message: "Send events as JSON text frames.", eventType: null });
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString("utf8"));
    } catch {
      return this.reject({ code: "MALFORMED", message: "This is not JSON.", eventType: null });
    }
    const parsed = parseClientEvent(raw);
    if (!parsed.ok) return this.reject(parsed.rejection);
    const event = parsed.event;
    if (event.room_id !== identity.roomId || event.user_id !== identity.userId) {
      return this.reject({ code: "MALFORMED", message: "room_id and user_id must be this connection's.", eventType: event.event_type });
    }
    this.chain = this.chain
      .then(() => handler(event, this))
      .catch((err: unknown) => {
        if (!isAppError(err)) this.log.error({ err, eventType: event.event_type, roomId: room.id }, "event handler failed");
        this.sendError(
          isAppError(err) ? err.code : "INTERNAL",
          isAppError(err) ? err.message : "Something went wrong on our side.",
          event.event_type,
        );
      });
  }

  private reject(rejection: EventRejection): void {
    this.sendError(rejection.code, rejection.message, rejection.eventType);
  }

  private sendError(code: string, message: string, eventType: string | null): void {
    const roomId = this.identity?.roomId ?? "";
    this.sendEvent(makeServerEvent("error", { code, message, rejected_event_type: eventType }, { roomId, userId: null }));
  }
}
