import { makeServerEvent } from "../lib/collab/events";
import { requireRoomAccess } from "../lib/collab/membership";
import { applyStateToDoc, type RestoreCounts } from "../lib/collab/restore";
import { getVersion, saveStoredCheckpoint, saveVersion } from "../lib/collab/versions";
import type { RoomVersionView } from "../lib/collab/version-store";
import type { Db } from "../lib/db/client";
import type { Room } from "./room";
import { ServerEdit } from "./update-origins";

// Version work on a loaded room, for its events socket and for the web app's room operations.

/** Saves a labelled version of the live document (flushed first) and tells every client of the room. */
export async function saveLiveVersion(db: Db, room: Room, context: { roomId: string; userId: string }, label: string): Promise<RoomVersionView> {
  // Once flushed, the stored document is the live one, and a worker thread can read and copy it:
  // encoding and writing the live document here would stall every room.
  await room.flush();
  const version = await saveVersion(db, { ...context, label });
  const payload = { id: version.id, label: version.label, auto: false, created_at: version.createdAt.toISOString() };
  room.broadcastEvent(makeServerEvent("version.saved", payload, context));
  return version;
}

/**
 * Restores a version as a new change on the live document. The current state is saved first as
 * an automatic version, so the restore can itself be undone by restoring that one. Answers once
 * the change is persisted; every client of the room (here and on other sidecars) is told.
 */
export async function restoreVersion(
  db: Db,
  room: Room,
  context: { roomId: string; userId: string },
  versionId: string,
): Promise<RestoreCounts & { undoVersionId: string }> {
  await requireRoomAccess(db, context.roomId, context.userId, "edit");
  const version = await getVersion(db, { ...context, versionId });
  await room.flush();
  const undo = await saveStoredCheckpoint(db, {
    roomId: room.id,
    label: `Before restoring “${version.label.slice(0, 90)}”`,
    createdBy: context.userId,
  });
  const counts = applyStateToDoc(room.doc, version.state, new ServerEdit(context.userId));
  await room.flush();
  room.broadcastEvent(
    makeServerEvent("version.restored", { version_id: version.id, label: version.label, undo_version_id: undo.id, ...counts }, context),
  );
  return { ...counts, undoVersionId: undo.id };
}
