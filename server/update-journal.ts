import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { appendUpdates } from "../lib/collab/doc-store";
import type { Db } from "../lib/db/client";
import { isAppError } from "../lib/errors/app-error";
import type { Logger } from "../lib/observability/logger";

/** A new segment file is started once the current one is this old (ms)… */
const SEGMENT_MAX_AGE_MS = 1_000;
/** …or this big (bytes). */
const SEGMENT_MAX_BYTES = 4 * 1024 * 1024;

interface Segment {
  seq: number;
  fd: number | null;
  bytes: number;
  openedAt: number;
  /** Updates appended to this segment and not yet in the database. */
  outstanding: number;
}

/**
 * The sidecar's local write-ahead log: every update the sidecar applies is appended here
 * (synchronously, before it is relayed) and stays until its batch is in the database. A kill -9
 * therefore loses nothing another client has seen: on the next start the sidecar replays what its
 * previous life left here before it listens. Segment files rotate every second (or 4 MiB); a
 * segment whose updates are all written is deleted. One journal per sidecar: `name` must be unique
 * among sidecars sharing `dir` (the port is). Records are lib0-encoded (room id, update); replaying
 * an update the database already holds is harmless in Yjs.
 */
export class UpdateJournal {
  private readonly segments = new Map<number, Segment>();
  private current: Segment;

  private constructor(
    private readonly dir: string,
    private readonly name: string,
    nextSeq: number,
  ) {
    this.current = this.openSegment(nextSeq);
  }

  /** Opens the journal after handing every update a previous life left behind to `replay` (grouped by room). */
  static async open(dir: string, name: string, replay: (updates: Map<string, Uint8Array[]>) => Promise<void>): Promise<UpdateJournal> {
    mkdirSync(dir, { recursive: true });
    const prefix = `${name}.`;
    const files = readdirSync(dir)
      .filter((file) => file.startsWith(prefix) && /^\d+$/.test(file.slice(prefix.length)))
      .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
    const updates = new Map<string, Uint8Array[]>();
    for (const file of files) {
      for (const { roomId, update } of readRecords(new Uint8Array(readFileSync(join(dir, file))))) {
        const list = updates.get(roomId) ?? [];
        list.push(update);
        updates.set(roomId, list);
      }
    }
    if (updates.size > 0) await replay(updates);
    for (const file of files) unlinkSync(join(dir, file));
    const lastSeq = files.length ? Number(files.at(-1)!.slice(prefix.length)) : 0;
    return new UpdateJournal(dir, name, lastSeq + 1);
  }

  /** Appends one update; returns its segment, to be passed to `settle` once the update is in the database. */
  append(roomId: string, update: Uint8Array): number {
    if (this.current.fd === null) throw new Error("the update journal is closed");
    const now = Date.now();
    if (now - this.current.openedAt > SEGMENT_MAX_AGE_MS || this.current.bytes > SEGMENT_MAX_BYTES) this.rotate(now);
    const e = encoding.createEncoder();
    encoding.writeVarString(e, roomId);
    encoding.writeVarUint8Array(e, update);
    const record = encoding.toUint8Array(e);
    writeSync(this.current.fd, record);
    this.current.bytes += record.byteLength;
    this.current.outstanding++;
    return this.current.seq;
  }

  /** The updates counted in `segments` (one entry per update) are in the database (or their room is gone). */
  settle(segments: readonly number[]): void {
    for (const seq of segments) {
      const segment = this.segments.get(seq);
      if (!segment) continue;
      segment.outstanding--;
      if (segment.outstanding === 0 && segment !== this.current) this.remove(segment);
    }
  }

  /** Closes the journal; deletes it when everything in it was written (a clean shutdown). */
  close(): void {
    for (const segment of [...this.segments.values()]) {
      if (segment.fd !== null) closeSync(segment.fd);
      segment.fd = null;
      if (segment.outstanding === 0) this.remove(segment);
    }
  }

  private rotate(now: number): void {
    const previous = this.current;
    closeSync(previous.fd!);
    previous.fd = null;
    this.current = this.openSegment(previous.seq + 1, now);
    if (previous.outstanding === 0) this.remove(previous);
  }

  private openSegment(seq: number, now = Date.now()): Segment {
    const segment: Segment = { seq, fd: openSync(this.fileOf(seq), "a"), bytes: 0, openedAt: now, outstanding: 0 };
    this.segments.set(seq, segment);
    return segment;
  }

  private remove(segment: Segment): void {
    this.segments.delete(segment.seq);
    try {
      unlinkSync(this.fileOf(segment.seq));
    } catch (err) {
      // Gone already: a sidecar started by mistake on this port replayed it (harmless) and exited.
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }

  private fileOf(seq: number): string {
    return join(this.dir, `${this.name}.${seq}`);
  }
}

/** Opens the sidecar's journal, first writing what a killed predecessor left in it to the database. */
export function openJournal(dir: string, name: string, db: Db, log: Logger): Promise<UpdateJournal> {
  return UpdateJournal.open(dir, name, async (updates) => {
    for (const [roomId, list] of updates) {
      try {
        await appendUpdates(db, roomId, list);
      } catch (err) {
        if (!isAppError(err) || err.code !== "NOT_FOUND") throw err;
      }
    }
    log.warn({ rooms: updates.size, updates: [...updates.values()].reduce((n, l) => n + l.length, 0) }, "replayed updates journaled before a crash");
  });
}

/** Every complete record; a record cut short by a crash mid-write ends the file. */
function readRecords(data: Uint8Array): { roomId: string; update: Uint8Array }[] {
  const records: { roomId: string; update: Uint8Array }[] = [];
  const d = decoding.createDecoder(data);
  try {
    while (decoding.hasContent(d)) records.push({ roomId: decoding.readVarString(d), update: decoding.readVarUint8Array(d) });
  } catch {
    // A torn last record: it was never relayed (the write happens before the relay).
  }
  return records;
}
