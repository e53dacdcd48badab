import * as Y from "yjs";
import { collabUsageEvent, type UsageEventInput, type UsageEventSink } from "../lib/analytics/usage-events";
import { FILES_KEY, TEXTS_KEY } from "../lib/collab/room-files";
import type { Logger } from "../lib/observability/logger";

const MINUTE_MS = 60_000;

type EditTotals = { userId: string; roomId: string; fileId: string; path: string | null; added: number; removed: number };

/**
 * Aggregates collaboration usage in memory and writes it as UsageEvents on `flush` (the sidecar
 * flushes every few seconds and at shutdown): joins, active minutes (a minute counts once the user sent
 * a document or awareness change in it; a minute is written when it is over), and characters added
 * and removed per user and file. Without a sink it does nothing.
 */
export class UsageTracker {
  private joins: UsageEventInput[] = [];
  private readonly minutes = new Map<string, { userId: string; roomId: string; minutes: Set<number> }>();
  private readonly edits = new Map<string, EditTotals>();

  constructor(
    private readonly sink: UsageEventSink | null,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  joined(userId: string, roomId: string, channel: "doc" | "events", role: string): void {
    if (this.sink) this.joins.push(collabUsageEvent("collab.join", { userId, roomId }, { channel, role }));
  }

  active(userId: string, roomId: string): void {
    if (!this.sink) return;
    const key = `${roomId}\u0000${userId}`;
    const entry = this.minutes.get(key) ?? { userId, roomId, minutes: new Set<number>() };
    entry.minutes.add(Math.floor(this.now() / MINUTE_MS));
    this.minutes.set(key, entry);
  }

  /**
   * Counts characters per file and user as the document changes; `userOf` names the user behind
   * a transaction origin (null for changes that are not a user's, such as loading or relaying).
   * Returns the function that stops watching.
   */
  watch(roomId: string, doc: Y.Doc, userOf: (origin: unknown) => string | null): () => void {
    if (!this.sink) return () => undefined;
    const texts = doc.getMap<Y.Text>(TEXTS_KEY);
    const files = doc.getMap<string>(FILES_KEY);
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      const userId = userOf(transaction.origin);
      if (!userId) return;
      for (const event of events) {
        if (event.target === texts) {
          for (const [fileId, change] of event.changes.keys) {
            const text = texts.get(fileId);
            if (change.action === "add" && text instanceof Y.Text) this.count(userId, roomId, fileId, files.get(fileId), text.length, 0);
          }
        } else if (event.target instanceof Y.Text && typeof event.target._item?.parentSub === "string") {
          let added = 0;
          let removed = 0;
          for (const op of event.delta) {
            if (typeof op.insert === "string") added += op.insert.length;
            if (typeof op.delete === "number") removed += op.delete;
          }
          const fileId = event.target._item.parentSub;
          this.count(userId, roomId, fileId, files.get(fileId), added, removed);
        }
      }
    };
    texts.observeDeep(observer);
    return () => texts.unobserveDeep(observer);
  }

  /** Writes what has gathered; with `all`, also the minute in progress (at shutdown). */
  async flush(all = false): Promise<void> {
    if (!this.sink) return;
    const currentMinute = all ? Infinity : Math.floor(this.now() / MINUTE_MS);
    const events = this.joins;
    this.joins = [];
    for (const [key, entry] of this.minutes) {
      const done = [...entry.minutes].filter((m) => m < currentMinute);
      if (done.length === 0) continue;
      for (const m of done) entry.minutes.delete(m);
      if (entry.minutes.size === 0) this.minutes.delete(key);
      events.push(collabUsageEvent("collab.active", entry, { minutes: done.length }));
    }
    for (const edit of this.edits.values()) {
      events.push(collabUsageEvent("collab.edit", edit, { file_id: edit.fileId, path: edit.path, added: edit.added, removed: edit.removed }));
    }
    this.edits.clear();
    try {
      await this.sink.record(events);
    } catch (err) {
      this.log.warn({ err, events: events.length }, "could not write usage events; dropped them");
    }
  }

  private count(userId: string, roomId: string, fileId: string, path: string | undefined, added: number, removed: number): void {
    if (added === 0 && removed === 0) return;
    const key = `${roomId}\u0000${userId}\u0000${fileId}`;
    const entry = this.edits.get(key) ?? { userId, roomId, fileId, path: path ?? null, added: 0, removed: 0 };
    entry.added += added;
    entry.removed += removed;
    entry.path = path ?? entry.path;
    this.edits.set(key, entry);
  }
}
