import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";

// The version rows themselves, without permission checks: versions.ts is the API, and the state
// thread calls these directly (so they must not reach back into the thread's runner).

/** Automatic checkpoints kept per room; older ones are pruned (labelled versions never are). */
export const MAX_AUTO_VERSIONS = 50;

export interface RoomVersionView {
  id: string;
  label: string;
  auto: boolean;
  createdAt: Date;
  author: { id: string; name: string } | null;
}

export const viewFields = { id: true, label: true, auto: true, createdAt: true, author: { select: { id: true, name: true } } } as const;

function toBytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}

/** Stores a version row; automatic ones beyond the newest MAX_AUTO_VERSIONS are pruned. No permission check. */
export async function insertVersion(
  db: Db,
  input: { roomId: string; label: string; auto: boolean; state: Uint8Array; createdBy: string | null },
): Promise<RoomVersionView> {
  const { roomId, auto } = input;
  const version = await db.roomVersion.create({
    data: { roomId, label: input.label, auto, state: toBytes(input.state), createdBy: input.createdBy },
    select: viewFields,
  });
  if (!auto) return version;
  const stale = await db.roomVersion.findMany({
    where: { roomId, auto: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: MAX_AUTO_VERSIONS,
    select: { id: true },
  });
  if (stale.length > 0) await db.roomVersion.deleteMany({ where: { id: { in: stale.map((v) => v.id) } } });
  return version;
}

/** A version with its document state (no permission check); NOT_FOUND for other rooms' versions. */
export async function readVersion(db: Db, input: { roomId: string; versionId: string }): Promise<RoomVersionView & { state: Uint8Array }> {
  const row = await db.roomVersion.findFirst({
    where: { id: input.versionId, roomId: input.roomId },
    select: { ...viewFields, state: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such version.");
  return row;
}

/** A version's row without its state (no permission check); NOT_FOUND for other rooms' versions. */
export async function readVersionView(db: Db, input: { roomId: string; versionId: string }): Promise<RoomVersionView> {
  const row = await db.roomVersion.findFirst({ where: { id: input.versionId, roomId: input.roomId }, select: viewFields });
  if (!row) throw new AppError("NOT_FOUND", "No such version.");
  return row;
}
