import { parentPort } from "node:worker_threads";
import { connectDb, type Db } from "../db/client";
import type { DbTarget } from "../db/target";
import { AppError } from "../errors/app-error";
import { loadRoomState } from "./doc-store";
import { filesOfState, type FileContent } from "./room-files";
import { zipRoomFiles } from "./room-zip";
import { listStateFiles, readStateFile, type FileEntry, type FileWithContent } from "./stored-files";
import { insertVersion, readVersion, type RoomVersionView } from "./version-store";

/**
 * Worker-thread entry for work on whole room documents. On a 10 MB room, reading or writing the
 * document through the database client and merging or zipping it each take hundreds of
 * milliseconds to seconds of CPU: here they do not stall the web app or the sidecar. The thread
 * opens its own database connection per target (see state-runner.ts). Permissions are checked by
 * the caller.
 */
export type StateTask =
  | { kind: "zip-room"; roomId: string; folder: string }
  | { kind: "files"; roomId: string }
  | { kind: "file"; roomId: string; path: string }
  | { kind: "version"; roomId: string; versionId: string }
  | { kind: "version-files"; roomId: string; versionId: string }
  | { kind: "save-version"; roomId: string; label: string; auto: boolean; createdBy: string | null };

export type StateResult<T extends StateTask> = {
  "zip-room": Uint8Array;
  files: FileEntry[];
  file: FileWithContent;
  version: RoomVersionView & { state: Uint8Array };
  "version-files": FileContent[];
  "save-version": RoomVersionView;
}[T["kind"]];

export type StateRequest = { target: DbTarget; task: StateTask };
export type StateReply = { ok: true; result: unknown } | { ok: false; message: string; code?: AppError["code"] };

const connections = new Map<string, Promise<Db>>();

function dbFor(target: DbTarget): Promise<Db> {
  const key = JSON.stringify(target);
  let db = connections.get(key);
  if (!db) {
    db = connectDb(target);
    connections.set(key, db);
    db.catch(() => connections.delete(key));
  }
  return db;
}

async function run(db: Db, task: StateTask): Promise<unknown> {
  switch (task.kind) {
    case "zip-room":
      return zipRoomFiles(task.folder, filesOfState((await loadRoomState(db, task.roomId)).state));
    case "files":
      return listStateFiles((await loadRoomState(db, task.roomId)).state);
    case "file":
      return readStateFile((await loadRoomState(db, task.roomId)).state, task.path);
    case "version":
      return readVersion(db, task);
    case "version-files":
      return filesOfState((await readVersion(db, task)).state);
    case "save-version":
      return insertVersion(db, { ...task, state: (await loadRoomState(db, task.roomId)).state });
  }
}

const port = parentPort;
if (port) {
  port.on("message", ({ target, task }: StateRequest) => {
    dbFor(target)
      .then((db) => run(db, task))
      .then(
        (result) => port.postMessage({ ok: true, result } satisfies StateReply, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []),
        (err: unknown) =>
          port.postMessage({
            ok: false,
            message: err instanceof Error ? err.message : String(err),
            code: err instanceof AppError ? err.code : undefined,
          } satisfies StateReply),
      );
  });
}
