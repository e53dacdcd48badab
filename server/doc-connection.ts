import { canEditRoom } from "../lib/collab/room-roles";
import { Connection, type ConnectionIdentity } from "./connection";
import { decodeDocMessage, encodeAwarenessStates, encodeSyncStep1, encodeSyncStep2, MalformedMessageError } from "./doc-messages";
import { sidecarMetrics } from "./metrics";
import type { Room } from "./room";

/**
 * A y-websocket client on `/<roomId>`. Speaks the standard protocol: the server sends its sync
 * step 1 and the known awareness states on open, answers sync step 1 with step 2, applies step 2
 * and updates from owners and editors, and relays awareness. Viewers' document changes are
 * dropped (they still receive everything and share awareness).
 */
export class DocConnection extends Connection {
  readonly channel = "doc";
  /** Awareness client ids this socket has announced; cleared for everyone when it closes. */
  readonly awarenessClients = new Set<number>();
  private room: Room | undefined;

  attach(identity: ConnectionIdentity, room: Room): void {
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
        sidecarMetrics.updatesIn.inc({ source: "client" });
        room.applyClientUpdate(message.update, this);
        return;
      case "awareness":
        room.applyClientAwareness(message.update, this);
        return;
      case "query-awareness":
        this.send(encodeAwarenessStates(room.awareness));
        return;
      case "auth":
        return;
    }
  }
}
