import { requireScope, type Principal } from "../auth/principal";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { parseInput } from "../forms/input";
import { normalizePath } from "./file-paths";
import { requireRoomAccess } from "./membership";
import { sendRoomOp, type SidecarLink } from "./room-ops-client";
import { roomIdSchema } from "./room-schemas";
import { listRoomsPage } from "./rooms";
import {
  moveFileBodySchema,
  pageQuerySchema,
  writeFileBodySchema,
  type FileList,
  type RoomPage,
} from "./rooms-api-schemas";
import { runStateTask } from "./state-runner";
import type { FileWithContent } from "./stored-files";

/**
 * The room files part of every API surface (REST v1, MCP, CLI through REST): scope, validation and
 * the room permission in one place. Reads come from the stored document, which the sidecar writes
 * before it acknowledges a change; changes go through the sidecar into the live document, so open
 * editors see them at once.
 */
export interface RoomFileDeps {
  db: Db;
  sidecar: SidecarLink;
}

/** A path as one string ("src/a.ts") or as the segments of a catch-all route. */
export type FilePathInput = string | readonly string[];

/** A malformed room id names no room: NOT_FOUND, as for rooms the caller cannot see. */
export function roomIdOf(roomId: string): string {
  const parsed = roomIdSchema.safeParse(roomId);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such room.");
  return parsed.data;
}

function pathOf(path: FilePathInput): string {
  return normalizePath(typeof path === "string" ? path : path.join("/"));
}

/** GET /api/v1/rooms: the caller's rooms, most recently changed first, paged. */
export async function listRoomsEndpoint(db: Db, principal: Principal, query: Record<string, string | undefined>): Promise<RoomPage> {
  requireScope(principal, "rooms:read");
  return listRoomsPage(db, principal.user.id, parseInput(pageQuerySchema, query));
}

/** GET /api/v1/rooms/:roomId/files: every file (not paged: a room's file list is bounded by its size). */
export async function listRoomFilesEndpoint(deps: RoomFileDeps, principal: Principal, roomId: string): Promise<FileList> {
  requireScope(principal, "rooms:read");
  const id = roomIdOf(roomId);
  await requireRoomAccess(deps.db, id, principal.user.id, "read");
  return { items: await runStateTask(deps.db, { kind: "files", roomId: id }) };
}

/** GET /api/v1/rooms/:roomId/files/<path>: one file's content. */
export async function readRoomFileEndpoint(deps: RoomFileDeps, principal: Principal, roomId: string, path: FilePathInput): Promise<FileWithContent> {
  requireScope(principal, "rooms:read");
  const id = roomIdOf(roomId);
  const clean = pathOf(path);
  await requireRoomAccess(deps.db, id, principal.user.id, "read");
  return runStateTask(deps.db, { kind: "file", roomId: id, path: clean });
}

/** PUT /api/v1/rooms/:roomId/files/<path> `{content}`: creates or replaces a file in the live room (the same content changes nothing). */
export async function writeRoomFileEndpoint(
  deps: RoomFileDeps,
  principal: Principal,
  roomId: string,
  path: FilePathInput,
  body: unknown,
): Promise<{ path: string; created: boolean }> {
  requireScope(principal, "rooms:write");
  const id = roomIdOf(roomId);
  const clean = pathOf(path);
  const { content } = parseInput(writeFileBodySchema, body);
  await requireRoomAccess(deps.db, id, principal.user.id, "edit");
  const result = await sendRoomOp(deps.sidecar, { userId: principal.user.id, roomId: id, op: { op: "write", path: clean, content } });
  return { path: result.path ?? clean, created: result.created ?? false };
}

/** PATCH /api/v1/rooms/:roomId/files/<path> `{path}`: moves or renames a file in the live room. */
export async function moveRoomFileEndpoint(
  deps: RoomFileDeps,
  principal: Principal,
  roomId: string,
  path: FilePathInput,
  body: unknown,
): Promise<{ path: string }> {
  requireScope(principal, "rooms:write");
  const id = roomIdOf(roomId);
  const from = pathOf(path);
  const to = normalizePath(parseInput(moveFileBodySchema, body).path);
  await requireRoomAccess(deps.db, id, principal.user.id, "edit");
  const result = await sendRoomOp(deps.sidecar, { userId: principal.user.id, roomId: id, op: { op: "move", path: from, to } });
  return { path: result.path ?? to };
}

/** DELETE /api/v1/rooms/:roomId/files/<path>: deletes a file from the live room. */
export async function deleteRoomFileEndpoint(deps: RoomFileDeps, principal: Principal, roomId: string, path: FilePathInput): Promise<void> {
  requireScope(principal, "rooms:write");
  const id = roomIdOf(roomId);
  const clean = pathOf(path);
  await requireRoomAccess(deps.db, id, principal.user.id, "edit");
  await sendRoomOp(deps.sidecar, { userId: principal.user.id, roomId: id, op: { op: "delete", path: clean } });
}
