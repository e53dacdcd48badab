import type { Logger } from "../lib/observability/logger";
import { sidecarMetrics } from "./metrics";
import { Room, type RoomDeps } from "./room";

export interface RegistryOptions {
  /** How long a room with no connections stays loaded (a quick reconnect finds it warm). */
  idleUnloadMs: number;
  /** How often an edited room gets an automatic checkpoint. */
  checkpointEveryMs: number;
}

const SHUTDOWN_FLUSH_ATTEMPTS = 5;

/**
 * The rooms held in memory. A room loads on its first connection; every connection waits for the
 * load, so the first sync is answered from the stored state. A room unloads after it has been idle
 * for `idleUnloadMs`, and only once its pending writes are flushed (a failed flush keeps it
 * loaded and tries again later).
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();

  constructor(
    private readonly deps: Omit<RoomDeps, "onMaybeIdle">,
    private readonly options: RegistryOptions,
    private readonly log: Logger,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  /** Whether the room is loaded or loading. */
  has(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /**
   * The loaded room, loading it first when needed, held until `release` is called (so it cannot
   * unload between this call and the caller adding its connection). Rejects when the load failed.
   */
  async acquire(roomId: string): Promise<{ room: Room; release: () => void }> {
    let room = this.rooms.get(roomId);
    if (!room) {
      const created = new Room(roomId, { ...this.deps, onMaybeIdle: (r) => this.scheduleUnload(r) });
      created.ready = created.load().then(
        () => {
          sidecarMetrics.roomsLoaded.inc();
          this.log.debug({ roomId }, "room loaded");
        },
        (err: unknown) => {
          this.log.error({ err, roomId }, "loading a room failed");
          if (this.rooms.get(roomId) === created) this.rooms.delete(roomId);
          created.destroy();
          void this.deps.fanout.leave(roomId, created);
          throw err;
        },
      );
      this.rooms.set(roomId, created);
      room = created;
    }
    const release = room.hold();
    clearTimeout(this.unloadTimers.get(room));
    this.unloadTimers.delete(room);
    try {
      await room.ready;
    } catch (err) {
      release();
      throw err;
    }
    return { room, release };
  }

  scheduleUnload(room: Room, delayMs = this.options.idleUnloadMs): void {
    if (!room.idle || this.unloadTimers.has(room) || this.rooms.get(room.id) !== room) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room);
      this.unload(room).catch((err) => this.log.error({ err, roomId: room.id }, "unloading a room failed"));
    }, delayMs);
    timer.unref();
    this.unloadTimers.set(room, timer);
  }

  /** Saves automatic checkpoints of rooms edited since their last one, when one is due. */
  async checkpointDue(now = Date.now()): Promise<void> {
    for (const room of this.all()) {
      if (!room.editedSinceCheckpoint || now - room.lastCheckpointAt < this.options.checkpointEveryMs) continue;
      await room.checkpoint().catch((err) => this.log.warn({ err, roomId: room.id }, "automatic checkpoint failed"));
    }
  }

  /** Flushes and drops every room; used at shutdown, after all sockets are closed. */
  async closeAll(): Promise<void> {
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.all(
      this.all().map(async (room) => {
        await room.ready.catch(() => undefined);
        for (let attempt = 1; room.writer.pending && attempt <= SHUTDOWN_FLUSH_ATTEMPTS; attempt++) {
          await room.flush().catch(async (err) => {
            this.log.error({ err, roomId: room.id, attempt }, "flush at shutdown failed");
            await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
          });
        }
        if (room.writer.pending) this.log.fatal({ roomId: room.id }, "shutting down with unsaved updates (clients still hold them)");
        await room.checkpoint().catch((err) => this.log.warn({ err, roomId: room.id }, "checkpoint at shutdown failed"));
        this.drop(room);
      }),
    );
  }

  private async unload(room: Room): Promise<void> {
    if (!room.idle || room.unloading) return;
    room.unloading = true;
    try {
      await room.flush();
      await room.checkpoint().catch((err) => this.log.warn({ err, roomId: room.id }, "checkpoint before unloading failed"));
    } catch (err) {
      this.log.warn({ err, roomId: room.id }, "room kept loaded: its last changes are not saved yet");
    } finally {
      room.unloading = false;
    }
    // Someone joined meanwhile (they hold it now), or the write failed (try again later).
    if (!room.idle) return;
    if (room.writer.pending) {
      this.scheduleUnload(room);
      return;
    }
    this.drop(room);
  }

  private drop(room: Room): void {
    if (this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    room.destroy();
    sidecarMetrics.roomsLoaded.dec();
    void this.deps.fanout.leave(room.id, room);
    this.log.debug({ roomId: room.id }, "room unloaded");
  }
}
