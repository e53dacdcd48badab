import * as Y from "yjs";
import { dialectOf, SqlParams } from "../db/sql";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";

/**
 * Storage of a room's Y.Doc: one snapshot row (the compacted state) plus an append-only log of
 * updates not yet folded into it.
 *
 * Readers take the snapshot and every remaining update (not only ids above the snapshot's
 * upToUpdateId: on PostgreSQL a transaction may commit a lower id after a higher one, and applying
 * an update twice is harmless in Yjs). Compaction deletes exactly the rows it folded and swaps the
 * snapshot only if nobody compacted meanwhile (compare-and-set on upToUpdateId), so several
 * sidecars may compact the same room without losing updates.
 */

/** Copies into a plain ArrayBuffer-backed array, the type Prisma's Bytes fields take. */
function toBytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}

interface StoredRows {
  snapshot: { state: Uint8Array; upToUpdateId: number } | null;
  updates: { id: number; update: Uint8Array }[];
}

async function readSnapshotVersion(db: Db, roomId: string): Promise<number | null> {
  const row = await db.collabSnapshot.findUnique({ where: { roomId }, select: { upToUpdateId: true } });
  return row?.upToUpdateId ?? null;
}

/** Reads snapshot and updates; retries when a compaction committed between the two reads. */
async function readConsistent(db: Db, roomId: string, limit?: number): Promise<StoredRows> {
  for (let attempt = 0; ; attempt++) {
    const snapshot = await db.collabSnapshot.findUnique({ where: { roomId }, select: { state: true, upToUpdateId: true } });
    const updates = await db.collabUpdate.findMany({
      where: { roomId },
      orderBy: { id: "asc" },
      select: { id: true, update: true },
      take: limit,
    });
    if ((await readSnapshotVersion(db, roomId)) === (snapshot?.upToUpdateId ?? null)) return { snapshot, updates };
    if (attempt >= 5) throw new Error(`room ${roomId}: the stored document kept changing while being read`);
  }
}

function mergeRows(rows: StoredRows): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (rows.snapshot) Y.applyUpdate(doc, rows.snapshot.state);
    for (const row of rows.updates) Y.applyUpdate(doc, row.update);
  });
  return doc;
}

/** True when the doc holds changes that wait for others it has not seen (pending structs or deletions). */
export function hasPendingChanges(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** The room's stored document as one Yjs update (empty document when nothing is stored). */
export async function loadRoomState(db: Db, roomId: string): Promise<{ state: Uint8Array; unfoldedUpdates: number }> {
  const rows = await readConsistent(db, roomId);
  const doc = mergeRows(rows);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { state, unfoldedUpdates: rows.updates.length };
}

/** Appends updates as one row (merged), in one statement; returns the new row's id. NOT_FOUND once the room is deleted. */
export async function appendUpdates(db: Db, roomId: string, updates: Uint8Array[]): Promise<number> {
  if (updates.length === 0) throw new Error("appendUpdates needs at least one update");
  const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
  try {
    const row = await db.collabUpdate.create({ data: { roomId, update: toBytes(update) }, select: { id: true } });
    return row.id;
  } catch (err) {
    if (prismaCode(err) === "P2003") throw new AppError("NOT_FOUND", "No such room.");
    throw err;
  }
}

/**
 * Appends one update for each of several rooms in a single statement (group commit). Raw SQL: the
 * query builder costs ~6× more CPU per row here, and this runs every batch window. Fails as a
 * whole (e.g. when a room was deleted); callers then append one by one to learn which.
 */
export async function appendRoomUpdates(db: Db, items: readonly { roomId: string; update: Uint8Array }[]): Promise<void> {
  if (items.length === 0) return;
  const dialect = dialectOf(db);
  const q = new SqlParams(dialect.provider);
  const now = new Date();
  const rows = items.map(({ roomId, update }) => `(${q.add(roomId)}, ${q.add(toBytes(update))}, ${dialect.ts(q, now)})`);
  await db.$executeRawUnsafe(`INSERT INTO "CollabUpdate" ("roomId", "update", "createdAt") VALUES ${rows.join(", ")}`, ...q.values);
}

/**
 * Folds up to `maxUpdates` logged updates into the snapshot and deletes them. Returns how many
 * were folded (0 when there was nothing to do or another process compacted first).
 */
export async function compactRoom(db: Db, roomId: string, maxUpdates = 1000): Promise<number> {
  const rows = await readConsistent(db, roomId, maxUpdates);
  const previous = rows.snapshot?.upToUpdateId ?? null;
  const highest = Math.max(previous ?? 0, ...rows.updates.map((u) => u.id));
  // Each compaction must raise upToUpdateId, or the compare-and-set could not tell two apart.
  if (rows.updates.length === 0 || highest === previous) return 0;
  const doc = mergeRows(rows);
  const state = toBytes(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  const ids = rows.updates.map((u) => u.id);
  try {
    return await db.$transaction(async (tx) => {
      if (previous === null) {
        await tx.collabSnapshot.create({ data: { roomId, state, upToUpdateId: highest } });
      } else {
        const swapped = await tx.collabSnapshot.updateMany({
          where: { roomId, upToUpdateId: previous },
          data: { state, upToUpdateId: highest, createdAt: new Date() },
        });
        if (swapped.count !== 1) throw new CompactionRaceLost();
      }
      await tx.collabUpdate.deleteMany({ where: { roomId, id: { in: ids } } });
      return ids.length;
    });
  } catch (err) {
    if (err instanceof CompactionRaceLost || prismaCode(err) === "P2002") return 0;
    throw err;
  }
}

class CompactionRaceLost extends Error {}

function prismaCode(err: unknown): unknown {
  return typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
}
