import { requireScope, type Principal } from "../auth/principal";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { parseInput } from "../forms/input";
import { requireRoomAccess } from "./membership";
import { exportRoomZip } from "./room-export";
import { roomIdOf, type RoomFileDeps } from "./room-file-endpoints";
import { sendRoomOp } from "./room-ops-client";
import { archiveName } from "./room-zip";
import { getRoomForMember } from "./rooms";
import { saveVersionBodySchema, type VersionItem } from "./rooms-api-schemas";
import { readVersionView, type RoomVersionView } from "./version-store";
import { listVersions } from "./versions";

/**
 * Versions and the zip export in REST API v1. Saving and restoring go through the sidecar, which
 * flushes the live document first and tells the room's open editors, as when done in the page.
 */

const versionIdSchema = /^[\w-]{1,128}$/;

function toItem(version: RoomVersionView): VersionItem {
  const { id, label, auto, author } = version;
  return { id, label, auto, createdAt: version.createdAt.toISOString(), createdBy: author && { id: author.id, name: author.name } };
}

/** GET /api/v1/rooms/:roomId/versions: newest first (any member). */
export async function listVersionsEndpoint(db: Db, principal: Principal, roomId: string): Promise<{ items: VersionItem[] }> {
  requireScope(principal, "rooms:read");
  return { items: (await listVersions(db, { roomId: roomIdOf(roomId), userId: principal.user.id })).map(toItem) };
}

/** POST /api/v1/rooms/:roomId/versions `{label}`: saves the live document as a version (owners and editors). */
export async function saveVersionEndpoint(deps: RoomFileDeps, principal: Principal, roomId: string, body: unknown): Promise<VersionItem> {
  requireScope(principal, "rooms:write");
  const id = roomIdOf(roomId);
  const { label } = parseInput(saveVersionBodySchema, body);
  await requireRoomAccess(deps.db, id, principal.user.id, "edit");
  const { versionId } = await sendRoomOp(deps.sidecar, { userId: principal.user.id, roomId: id, op: { op: "save", label } });
  if (!versionId) throw new AppError("UNAVAILABLE", "The collaboration server did not confirm the save.");
  return toItem(await readVersionView(deps.db, { roomId: id, versionId }));
}

/**
 * POST /api/v1/rooms/:roomId/versions/:versionId/restore: makes the live files equal to the
 * version's, as a change every open editor sees; `undoVersionId` holds the state before it.
 */
export async function restoreVersionEndpoint(
  deps: RoomFileDeps,
  principal: Principal,
  roomId: string,
  versionId: string,
): Promise<{ restored: string; undoVersionId: string }> {
  requireScope(principal, "rooms:write");
  const id = roomIdOf(roomId);
  if (!versionIdSchema.test(versionId)) throw new AppError("NOT_FOUND", "No such version.");
  await requireRoomAccess(deps.db, id, principal.user.id, "edit");
  const result = await sendRoomOp(deps.sidecar, { userId: principal.user.id, roomId: id, op: { op: "restore", versionId } });
  if (!result.undoVersionId) throw new AppError("UNAVAILABLE", "The collaboration server did not confirm the restore.");
  return { restored: versionId, undoVersionId: result.undoVersionId };
}

/** GET /api/v1/rooms/:roomId/export: the room's files as a zip (built in the state thread), and its file name. */
export async function exportRoomEndpoint(db: Db, principal: Principal, roomId: string): Promise<{ fileName: string; zip: Uint8Array }> {
  requireScope(principal, "rooms:read");
  const room = await getRoomForMember(db, roomIdOf(roomId), principal.user.id);
  const folder = archiveName(room.name);
  return { fileName: `${folder}.zip`, zip: await exportRoomZip(db, { roomId: room.id, userId: principal.user.id, folder }) };
}
