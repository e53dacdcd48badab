import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { hasPendingChanges, loadRoomState } from "../lib/collab/doc-store";
import { makeServerEvent, parseServerEvent, type ServerEvent } from "../lib/collab/events";
import { FILES_KEY, FOLDERS_KEY, TEXTS_KEY } from "../lib/collab/room-files";
import { saveStoredCheckpoint } from "../lib/collab/versions";
import type { Db } from "../lib/db/client";
import type { Logger } from "../lib/observability/logger";
import type { Connection } from "./connection";
import { DocConnection } from "./doc-connection";
import { encodeAwareness, encodeUpdate } from "./doc-messages";
import type { EventsConnection } from "./events-connection";
import type { Fanout, FanoutReceiver } from "./fanout";
import type { FanoutMessage } from "./fanout-codec";
import { sidecarMetrics } from "./metrics";
import { PeerSyncGate } from "./peer-sync-gate";
import { RoomPresence } from "./room-presence";
import type { GroupAppender } from "./group-appender";
import { LOAD_ORIGIN, REMOTE_ORIGIN, userOf } from "./update-origins";
import { UpdateWriter, type UpdateWriterOptions } from "./update-writer";
import type { UsageTracker } from "./usage-tracker";

export interface RoomDeps {
  db: Db;
  fanout: Fanout;
  usage: UsageTracker;
  writer: UpdateWriterOptions;
  /** Shared by every room of the sidecar: batches land in one statement. */
  appender: GroupAppender;
  log: Logger;
  /** Called whenever the room may have become idle (no connections, no holds). */
  onMaybeIdle: (room: Room) => void;
}

const PRESENCE_DEBOUNCE_MS = 100;

/**
 * One room held in memory: its Y.Doc and awareness, its sockets, its update writer. Every change
 * applied to the doc goes out to the other local clients and is persisted; changes from local
 * clients or the sidecar itself are also published to other sidecars.
 *
 * Every sidecar holding the room persists everything it applies, its peers' changes too, and
 * journals it locally before relaying it (see UpdateJournal): after a kill -9, a surviving peer
 * still writes it within one batch window, and the killed sidecar replays it when it restarts.
 * Rows are duplicated once per sidecar; Yjs applies an update twice harmlessly and compaction
 * folds the copies. Each sidecar's log only ever holds integrated changes written in order, so
 * whatever prefix of it reaches the database is causally complete: the stored document never has
 * pending structs.
 */
export class Room implements FanoutReceiver {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly writer: UpdateWriter;
  readonly docConnections = new Set<DocConnection>();
  readonly eventConnections = new Set<EventsConnection>();
  ready: Promise<void> = Promise.resolve();
  unloading = false;
  editedSinceCheckpoint = false;
  lastCheckpointAt = Date.now();
  private holds = 0;
  private readonly peerSyncGate = new PeerSyncGate();
  private presenceTimer: NodeJS.Timeout | undefined;
  private readonly presence = new RoomPresence();
  private readonly stopUsage: () => void;

  constructor(
    readonly id: string,
    private readonly deps: RoomDeps,
  ) {
    this.writer = new UpdateWriter(deps.db, deps.appender, id, deps.writer, deps.log);
    this.awareness.setLocalState(null);
    for (const key of [FILES_KEY, TEXTS_KEY, FOLDERS_KEY]) this.doc.getMap(key);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
    this.stopUsage = deps.usage.watch(id, this.doc, userOf);
  }

  /** Subscribes to other sidecars, loads the stored document, then asks peers for anything newer. */
  async load(): Promise<void> {
    await this.deps.fanout.join(this.id, this);
    const { state, unfoldedUpdates } = await loadRoomState(this.deps.db, this.id);
    // Peers' changes that arrived during the load and wait for the stored state are integrated by
    // this transaction; it is persisted then (rarely: a copy of the stored state, harmless).
    Y.applyUpdate(this.doc, state, hasPendingChanges(this.doc) ? REMOTE_ORIGIN : LOAD_ORIGIN);
    this.writer.setUnfoldedRows(unfoldedUpdates);
    this.requestPeerSync();
  }

  requestPeerSync(): void {
    if (this.deps.fanout.enabled) this.publish({ kind: "sync-request", stateVector: Y.encodeStateVector(this.doc) });
  }

  /**
   * Resolves once another sidecar answered this room's sync request, or after `ms` when none did
   * (none holds the room): the stored state lags a peer's live one by up to one batch window.
   */
  peerSync(ms: number): Promise<void> {
    return this.deps.fanout.enabled ? this.peerSyncGate.wait(ms) : Promise.resolve();
  }

  get idle(): boolean {
    return this.docConnections.size === 0 && this.eventConnections.size === 0 && this.holds === 0;
  }

  connections(): Connection[] {
    return [...this.docConnections, ...this.eventConnections];
  }

  addConnection(conn: DocConnection | EventsConnection): void {
    const identity = conn.identity;
    if (!identity) throw new Error("only admitted connections join a room");
    if (conn instanceof DocConnection) this.docConnections.add(conn);
    else this.eventConnections.add(conn);
    this.deps.usage.joined(identity.userId, this.id, conn.channel, identity.role);
    conn.onClose(() => this.removeConnection(conn));
    this.localPresenceChanged();
  }

  /** Keeps the room loaded while the returned release function has not been called. */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.idle) this.deps.onMaybeIdle(this);
    };
  }

  applyClientUpdate(update: Uint8Array, conn: DocConnection): void {
    Y.applyUpdate(this.doc, update, conn);
    if (conn.identity) this.deps.usage.active(conn.identity.userId, this.id);
  }

  applyClientAwareness(update: Uint8Array, conn: DocConnection): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    if (conn.identity) this.deps.usage.active(conn.identity.userId, this.id);
  }

  /** Sends an event to this room's event sockets here and, through the fanout, on every sidecar. */
  broadcastEvent(event: ServerEvent): void {
    this.deliverEvent(event);
    this.publish({ kind: "event", json: JSON.stringify(event) });
  }

  /** Sends an event to one user's event sockets on this sidecar. */
  notifyUser(userId: string, event: ServerEvent): void {
    for (const conn of this.eventConnections) if (conn.identity?.userId === userId) conn.sendEvent(event);
  }

  presenceSummary() {
    return this.presence.summary(this.connections());
  }

  /** Re-announces who is connected here (other sidecars forget reports that are not refreshed). */
  publishPresence(): void {
    if (this.deps.fanout.enabled) this.publish({ kind: "presence", json: JSON.stringify(this.presence.local(this.connections())) });
  }

  localPresenceChanged(): void {
    this.publishPresence();
    this.schedulePresenceBroadcast();
  }

  receiveFanout(from: string, message: FanoutMessage): void {
    try {
      this.applyFanout(from, message);
    } catch (err) {
      this.deps.log.warn({ err, roomId: this.id, from, kind: message.kind }, "ignored a fanout message that did not apply");
    }
  }

  async flush(): Promise<void> {
    await this.writer.flush();
  }

  /** Saves an automatic checkpoint of the live document if it changed since the last one. */
  async checkpoint(label = "Automatic checkpoint"): Promise<void> {
    if (!this.editedSinceCheckpoint) return;
    this.editedSinceCheckpoint = false;
    this.lastCheckpointAt = Date.now();
    try {
      // Copied from the flushed stored document by a worker thread: encoding and writing the live
      // document here would stall every room of this sidecar.
      await this.flush();
      await saveStoredCheckpoint(this.deps.db, { roomId: this.id, label });
    } catch (err) {
      this.editedSinceCheckpoint = true;
      throw err;
    }
  }

  destroy(): void {
    clearTimeout(this.presenceTimer);
    this.stopUsage();
    this.writer.close();
    this.publish({ kind: "presence", json: "[]" });
    this.awareness.destroy();
    this.doc.destroy();
  }

  private removeConnection(conn: DocConnection | EventsConnection): void {
    if (conn instanceof DocConnection) {
      this.docConnections.delete(conn);
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
    } else {
      this.eventConnections.delete(conn);
    }
    this.localPresenceChanged();
    if (this.idle) this.deps.onMaybeIdle(this);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    // Journaled before anyone sees it: what a client was sent survives a kill -9.
    this.writer.enqueue(update);
    const message = encodeUpdate(update);
    let sent = 0;
    for (const conn of this.docConnections) {
      if (conn === origin) continue;
      conn.send(message);
      sent++;
    }
    sidecarMetrics.updatesOut.inc(sent);
    if (origin === REMOTE_ORIGIN) return;
    this.editedSinceCheckpoint = true;
    this.publish({ kind: "update", update });
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    if (origin instanceof DocConnection) {
      for (const id of [...added, ...updated]) origin.awarenessClients.add(id);
      for (const id of removed) origin.awarenessClients.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
    const message = encodeAwareness(update);
    // Everyone gets it, the sender too: the client's 30 s silence watchdog relies on the echo.
    for (const conn of this.docConnections) conn.send(message);
    if (origin !== REMOTE_ORIGIN) this.publish({ kind: "awareness", update });
  }

  private applyFanout(from: string, message: FanoutMessage): void {
    switch (message.kind) {
      case "update":
        sidecarMetrics.updatesIn.inc({ source: "peer" });
        Y.applyUpdate(this.doc, message.update, REMOTE_ORIGIN);
        return;
      case "awareness":
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, REMOTE_ORIGIN);
        return;
      case "sync-request":
        this.publish({
          kind: "sync-reply",
          to: from,
          update: Y.encodeStateAsUpdate(this.doc, message.stateVector),
          stateVector: Y.encodeStateVector(this.doc),
        });
        this.publishPresence();
        return;
      case "sync-reply": {
        if (message.to !== this.deps.fanout.instanceId) return;
        Y.applyUpdate(this.doc, message.update, REMOTE_ORIGIN);
        this.peerSyncGate.open();
        // Send back what the peer lacks (it persists it too).
        const missing = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        if (missing.byteLength > 2) this.publish({ kind: "update", update: missing });
        return;
      }
      case "event": {
        const event = parseServerEvent(JSON.parse(message.json));
        if (event && event.room_id === this.id) this.deliverEvent(event);
        return;
      }
      case "presence":
        if (this.presence.setRemote(from, message.json)) this.schedulePresenceBroadcast();
        return;
    }
  }

  private deliverEvent(event: ServerEvent): void {
    for (const conn of this.eventConnections) conn.sendEvent(event);
  }

  private schedulePresenceBroadcast(): void {
    if (this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      this.deliverEvent(makeServerEvent("presence.summary", { users: this.presenceSummary() }, { roomId: this.id, userId: null }));
    }, PRESENCE_DEBOUNCE_MS);
    this.presenceTimer.unref();
  }

  private publish(message: FanoutMessage): void {
    this.deps.fanout.publish(this.id, message);
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
