import { appendRoomUpdates, appendUpdates } from "../lib/collab/doc-store";
import type { Db } from "../lib/db/client";

/** Rows per statement, well inside both databases' limits on bound parameters. */
const MAX_GROUP = 500;

interface PendingAppend {
  roomId: string;
  update: Uint8Array;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Group commit for the update log: appends asked for in the same turn of the event loop (every
 * room's writer flushes on the same batch-window boundaries) go to the database as one multi-row
 * insert, one write at a time. With 100 busy rooms that is ~10 statements a second instead of
 * ~1,000. When a group write fails, each append is retried alone so that every room gets its own
 * outcome (NOT_FOUND for a deleted room, success for the others).
 */
export class GroupAppender {
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** Resolves once the update is in the log. */
  append(roomId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ roomId, update, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.chain = this.chain.then(() => this.write());
      });
    });
  }

  private async write(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (let i = 0; i < pending.length; i += MAX_GROUP) await this.writeGroup(pending.slice(i, i + MAX_GROUP));
  }

  private async writeGroup(group: PendingAppend[]): Promise<void> {
    if (group.length > 1) {
      try {
        await appendRoomUpdates(this.db, group);
        for (const item of group) item.resolve();
        return;
      } catch {
        // Fall through: one by one, so only the failing room's append fails.
      }
    }
    for (const item of group) await appendUpdates(this.db, item.roomId, [item.update]).then(item.resolve, item.reject);
  }
}
