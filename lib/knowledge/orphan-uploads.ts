import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../db/client";

/**
 * Files younger than this are left alone: an upload is written to disk before its document row
 * exists, so a fresh file without a row may simply be in flight.
 */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

const STORED_NAME = /^([0-9a-f-]{36})(\.part)?$/;
const BATCH = 500;

async function olderThan(path: string, cutoff: number): Promise<boolean> {
  try {
    return (await stat(path)).mtimeMs < cutoff;
  } catch {
    return false;
  }
}

/**
 * Removes stored uploads no document refers to any more (their document went with a deleted room,
 * or a crash left a partial file). Returns how many files were removed.
 */
export async function removeOrphanUploads(db: Db, dir: string, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
  const cutoff = now - ORPHAN_MIN_AGE_MS;
  const candidates: { name: string; key: string; partial: boolean }[] = [];
  for (const name of names) {
    const match = STORED_NAME.exec(name);
    if (match && (await olderThan(join(dir, name), cutoff))) candidates.push({ name, key: match[1]!, partial: Boolean(match[2]) });
  }
  let removed = 0;
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const keys = batch.filter((c) => !c.partial).map((c) => c.key);
    const rows = await db.knowledgeDocument.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } });
    const referenced = new Set(rows.map((r) => r.storageKey));
    for (const candidate of batch) {
      if (!candidate.partial && referenced.has(candidate.key)) continue;
      await rm(join(dir, candidate.name), { force: true });
      removed++;
    }
  }
  return removed;
}
