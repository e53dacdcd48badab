import * as Y from "yjs";
import { compactRoom } from "../lib/collab/doc-store";
import type { Db } from "../lib/db/client";
import { isAppError } from "../lib/errors/app-error";
import type { Logger } from "../lib/observability/logger";
import type { GroupAppender } from "./group-appender";
import { sidecarMetrics } from "./metrics";
import type { UpdateJournal } from "./update-journal";

export interface UpdateWriterOptions {
  /** How long updates gather before one write (the batch window). */
  batchMs: number;
  /** Compact once this many rows were appended since the last compaction. */
  compactEvery: number;
  /** Where each update is logged first, until its batch is written. */
  journal?: UpdateJournal;
}

const MAX_RETRY_MS = 5_000;

/**
 * Persists one room's updates: gathers them until the next `batchMs` boundary (the same boundaries
 * for every room, so the group appender writes all rooms' batches together), writes each batch
 * as one row, retries
 * failed writes with backoff (keeping the batch), and compacts the log now and then. Writes and
 * compactions run one at a time, in order. `pending` is true while anything is unwritten, and the
 * room is never unloaded in that state. With a journal, each update is journaled on `enqueue` and
 * settled there once its batch is written.
 */
export class UpdateWriter {
  private queue: Uint8Array[] = [];
  /** The journal segment of each queued update. */
  private segments: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private writing = false;
  private failures = 0;
  private rowsSinceCompaction = 0;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly appender: GroupAppender,
    private readonly roomId: string,
    private readonly options: UpdateWriterOptions,
    private readonly log: Logger,
  ) {}

  /** Starts the compaction count from the rows already in the log. */
  setUnfoldedRows(count: number): void {
    this.rowsSinceCompaction = count;
  }

  get pending(): boolean {
    return this.queue.length > 0 || this.writing;
  }

  enqueue(update: Uint8Array): void {
    if (this.options.journal) this.segments.push(this.options.journal.append(this.roomId, update));
    this.queue.push(update);
    this.schedule(this.options.batchMs - (Date.now() % this.options.batchMs));
  }

  /** Writes everything queued so far; resolves when written, rejects when the write failed. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.chain.then(() => this.writeBatch());
    this.chain = run.catch(() => undefined);
    await run;
  }

  /** Stops timers; call after a final flush. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined);
    }, delayMs);
    this.timer.unref();
  }

  private async writeBatch(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    const segments = this.segments;
    this.queue = [];
    this.segments = [];
    this.writing = true;
    const stop = sidecarMetrics.persistSeconds.startTimer();
    try {
      await this.appender.append(this.roomId, batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch));
      stop();
      this.options.journal?.settle(segments);
      this.failures = 0;
      this.rowsSinceCompaction++;
    } catch (err) {
      if (isAppError(err) && err.code === "NOT_FOUND") {
        // The room was deleted: nothing to keep. Its sockets are closed by the membership check.
        this.log.info({ roomId: this.roomId, updates: batch.length }, "room deleted; dropped its unsaved updates");
        this.options.journal?.settle(segments);
        return;
      }
      this.queue = [...batch, ...this.queue];
      this.segments = [...segments, ...this.segments];
      this.failures++;
      sidecarMetrics.persistFailures.inc();
      const retryMs = Math.min(MAX_RETRY_MS, 100 * 2 ** this.failures);
      this.log.error({ err, roomId: this.roomId, updates: batch.length, retryMs }, "persisting updates failed; will retry");
      this.schedule(retryMs);
      throw err;
    } finally {
      this.writing = false;
    }
    if (this.rowsSinceCompaction >= this.options.compactEvery) await this.compact();
  }

  private async compact(): Promise<void> {
    try {
      const folded = await compactRoom(this.db, this.roomId);
      this.rowsSinceCompaction = 0;
      this.log.debug({ roomId: this.roomId, folded }, "compacted room");
    } catch (err) {
      this.log.warn({ err, roomId: this.roomId }, "compaction failed; will try again later");
    }
  }
}
