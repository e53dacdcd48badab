import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { canEditRoom } from "../lib/collab/room-roles";
import { MAX_FILE_CHARS } from "../lib/collab/text-content";
import { awarenessUserId, bindAwarenessUpdate } from "./awareness-binding";
import { CLOSE } from "./close-codes";
import { Connection, type ConnectionIdentity } from "./connection";
import { checkUpdateSize } from "./doc-size-guard";
import { type DecodedStructs, decodeDocMessage, encodeAwarenessStates, encodeSyncStep1, encodeSyncStep2, MalformedMessageError } from "./doc-messages";
import { sidecarMetrics } from "./metrics";

/** What a document socket needs of its room; room.ts implements it (an interface, so the two do not import each other). */
export interface DocRoom {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  addConnection(conn: DocConnection): void;
  applyClientUpdate(update: Uint8Array, conn: DocConnection): void;
  applyClientAwareness(update: Uint8Array, conn: DocConnection): void;
}

/**
 * A y-websocket client on `/<roomId>`. Speaks the standard protocol: the server sends its sync
 * step 1 and the known awareness states on open, answers sync step 1 with step 2, applies step 2
 * and updates from owners and editors, and relays awareness. Viewers' document changes are
 * dropped (they still receive everything and share awareness). An update that would take a file or
 * the room past its size limit is not applied: the socket is closed with 4413 and the reason.
 * Awareness states always carry the connection's own user, whatever the client claims.
 */
export class DocConnection extends Connection {
  readonly channel = "doc";
  /** Awareness client ids this socket has announced; cleared for everyone when it closes. */
  readonly awarenessClients = new Set<number>();
  private room: DocRoom | undefined;

  attach(identity: ConnectionIdentity, room: DocRoom): void {
    this.identity = identity;
    this.room = room;
    room.addConnection(this);
    this.send(encodeSyncStep1(room.doc));
    if (room.awareness.getStates().size > 0) this.send(encodeAwarenessStates(room.awareness));
    this.start();
  }

  protected handle(data: Buffer, isBinary: boolean): void {
    if (!isBinary) throw new MalformedMessageError("expected a binary frame");
    const room = this.room;
    if (!room) return;
    const message = decodeDocMessage(data);
    switch (message.type) {
      case "sync-step-1":
        this.send(encodeSyncStep2(room.doc, message.stateVector));
        return;
      case "sync-step-2":
      case "update":
        if (!canEditRoom(this.role)) {
          sidecarMetrics.updatesIn.inc({ source: "viewer_dropped" });
          return;
        }
        if (!this.fits(room, message.update, message.structs)) return;
        sidecarMetrics.updatesIn.inc({ source: "client" });
        room.applyClientUpdate(message.update, this);
        return;
      case "awareness": {
        const update = this.bindAwareness(room, message.update);
        if (update) room.applyClientAwareness(update, this);
        return;
      }
      case "query-awareness":
        this.send(encodeAwarenessStates(room.awareness));
        return;
      case "auth":
        return;
    }
  }

  /** Whether the update keeps every file and the room within limits; closes the socket when not. */
  private fits(room: DocRoom, update: Uint8Array, structs: DecodedStructs): boolean {
    const limits = { maxFileChars: MAX_FILE_CHARS, maxRoomBytes: this.limits.maxRoomBytes };
    const refusal = checkUpdateSize(room.doc, limits, update, structs);
    if (!refusal) return true;
    this.log.warn({ roomId: room.id, userId: this.identity?.userId, bytes: update.byteLength, reason: refusal.metric }, "refused an update over the size limit");
    this.close(CLOSE.tooLarge, refusal.message, refusal.metric);
    return false;
  }

  private bindAwareness(room: DocRoom, update: Uint8Array): Uint8Array | null {
    const identity = this.identity;
    if (!identity) return null;
    const states = room.awareness.getStates();
    const ownerOf = (clientId: number) => (this.awarenessClients.has(clientId) ? identity.userId : awarenessUserId(states.get(clientId)));
    return bindAwarenessUpdate(update, { id: identity.userId, name: identity.userName }, ownerOf);
  }
}
