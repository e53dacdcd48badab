import type { Db } from "../db/client";
import { requireRoomAccess } from "./membership";
import type { FileContent } from "./room-files";
import { parseInput, versionLabelSchema } from "./room-schemas";
import { runStateTask } from "./state-runner";
import { emitWebhookEvent } from "../webhooks/emit";
import { insertVersion, viewFields, type RoomVersionView } from "./version-store";

/**
 * Saves a labelled version of the stored document (owners and editors). It lags the live document
 * by at most one persistence batch unless the caller flushed first (the sidecar does). Reading,
 * merging and writing a large room takes seconds of CPU, so it happens in a worker thread.
 */
export async function saveVersion(db: Db, input: { roomId: string; userId: string; label: string }): Promise<RoomVersionView> {
  const label = parseInput(versionLabelSchema, input.label);
  await requireRoomAccess(db, input.roomId, input.userId, "edit");
  const version = await runStateTask(db, { kind: "save-version", roomId: input.roomId, label, auto: false, createdBy: input.userId });
  await emitWebhookEvent(db, {
    type: "room.version.saved",
    roomId: input.roomId,
    data: { roomId: input.roomId, versionId: version.id, label: version.label, createdBy: input.userId },
  });
  return version;
}

/** Saves an automatic checkpoint of the stored document, in a worker thread (no permission check: the sidecar calls it). */
export async function saveStoredCheckpoint(db: Db, input: { roomId: string; label: string; createdBy?: string | null }): Promise<RoomVersionView> {
  const label = parseInput(versionLabelSchema, input.label);
  return runStateTask(db, { kind: "save-version", roomId: input.roomId, label, auto: true, createdBy: input.createdBy ?? null });
}

/** Saves an automatic checkpoint of a given state (no permission check) and prunes old ones. */
export async function saveCheckpoint(
  db: Db,
  input: { roomId: string; state: Uint8Array; label: string; createdBy?: string | null },
): Promise<RoomVersionView> {
  const label = parseInput(versionLabelSchema, input.label);
  return insertVersion(db, { roomId: input.roomId, label, auto: true, state: input.state, createdBy: input.createdBy ?? null });
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

/**
 * A version with its document state (a Yjs update), read in a worker thread (the database client
 * takes seconds to read a large state); NOT_FOUND for other rooms' versions and non-members.
 */
export async function getVersion(
  db: Db,
  input: { roomId: string; userId: string; versionId: string },
): Promise<RoomVersionView & { state: Uint8Array }> {
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  return runStateTask(db, { kind: "version", roomId: input.roomId, versionId: input.versionId });
}

/** A version's files with their contents, for previews, diffs and zip downloads (read in a worker thread). */
export async function getVersionFiles(db: Db, input: { roomId: string; userId: string; versionId: string }): Promise<FileContent[]> {
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  return runStateTask(db, { kind: "version-files", roomId: input.roomId, versionId: input.versionId });
}
