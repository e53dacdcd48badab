import type { Db } from "../db/client";
import { requireRoomAccess } from "./membership";
import { runStateTask } from "./state-runner";

/**
 * The room's files as a zip for any member, built in a worker thread (a large room takes seconds of
 * CPU). Read from the database, so it lags the live document by at most one persistence batch.
 */
export async function exportRoomZip(db: Db, input: { roomId: string; userId: string; folder: string }): Promise<Uint8Array> {
  await requireRoomAccess(db, input.roomId, input.userId, "read");
  return runStateTask(db, { kind: "zip-room", roomId: input.roomId, folder: input.folder });
}
