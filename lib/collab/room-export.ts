import * as Y from "yjs";
import type { Db } from "../db/client";
import { loadRoomState } from "./doc-store";
import { requireRoomAccess } from "./membership";
import { exportFiles, type FileContent } from "./room-files";

/** The files of a document state, each under a unique safe path, ready to zip. */
export function filesOfState(state: Uint8Array): FileContent[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const files = exportFiles(doc);
  doc.destroy();
  return files;
}

/**
 * The room's current files for any member (e.g. a zip download). Read from the database, so it
 * lags the live document by at most one persistence batch (about 100 ms).
 */
export async function getRoomFiles(db: Db, input: { roomId: string; userId: string }): Promise<FileContent[]> {
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  return filesOfState((await loadRoomState(db, input.roomId)).state);
}
