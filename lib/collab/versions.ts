import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { loadRoomState } from "./doc-store";
import { requireRoomAccess } from "./membership";
import { filesOfState } from "./room-export";
import type { FileContent } from "./room-files";
import { parseInput, versionLabelSchema } from "./room-schemas";

/** Automatic checkpoints kept per room; older ones are pruned (labelled versions never are). */
export const MAX_AUTO_VERSIONS = 50;

export interface RoomVersionView {
  id: string;
  label: string;
  auto: boolean;
  createdAt: Date;
  author: { id: string; name: string } | null;
}

const viewFields = { id: true, label: true, auto: true, createdAt: true, author: { select: { id: true, name: true } } } as const;

function toBytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}

/**
 * Saves a labelled version (owners and editors). Pass `state` when the caller holds the live
 * document (the sidecar); otherwise the stored state is used, which lags the live one by at most
 * one persistence batch.
 */
export async function saveVersion(
  db: Db,
  input: { roomId: string; userId: string; label: string; state?: Uint8Array },
): Promise<RoomVersionView> {
  const label = parseInput(versionLabelSchema, input.label);
  await requireRoomAccess(db, input.roomId, input.userId, "edit");
  const state = input.state ?? (await loadRoomState(db, input.roomId)).state;
  return db.roomVersion.create({
    data: { roomId: input.roomId, label, auto: false, state: toBytes(state), createdBy: input.userId },
    select: viewFields,
  });
}

/** Saves an automatic checkpoint (no permission check: the sidecar calls it) and prunes old ones. */
export async function saveCheckpoint(
  db: Db,
  input: { roomId: string; state: Uint8Array; label: string; createdBy?: string | null },
): Promise<RoomVersionView> {
  const { roomId } = input;
  const label = parseInput(versionLabelSchema, input.label);
  const version = await db.roomVersion.create({
    data: { roomId, label, auto: true, state: toBytes(input.state), createdBy: input.createdBy ?? null },
    select: viewFields,
  });
  const stale = await db.roomVersion.findMany({
    where: { roomId, auto: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: MAX_AUTO_VERSIONS,
    select: { id: true },
  });
  if (stale.length > 0) await db.roomVersion.deleteMany({ where: { id: { in: stale.map((v) => v.id) } } });
  return version;
}

/** The room's versions, newest first (any member). */
export async function listVersions(db: Db, input: { roomId: string; userId: string }): Promise<RoomVersionView[]> {
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  return db.roomVersion.findMany({
    where: { roomId: input.roomId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: viewFields,
  });
}

/** A version with its document state (a Yjs update); NOT_FOUND for other rooms' versions and non-members. */
export async function getVersion(
  db: Db,
  input: { roomId: string; userId: string; versionId: string },
): Promise<RoomVersionView & { state: Uint8Array }> {
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  const row = await db.roomVersion.findFirst({
    where: { id: input.versionId, roomId: input.roomId },
    select: { ...viewFields, state: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such version.");
  return row;
}

/** A version's files with their contents, for previews, diffs and zip downloads. */
export async function getVersionFiles(db: Db, input: { roomId: string; userId: string; versionId: string }): Promise<FileContent[]> {
  return filesOfState((await getVersion(db, input)).state);
}
