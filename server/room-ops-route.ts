import type { IncomingMessage, ServerResponse } from "node:http";
import { requireRoomAccess } from "../lib/collab/membership";
import { verifyRoomOpToken } from "../lib/collab/room-op-token";
import { applyFileOp, fileOpGrowth, roomOpSchema, type RoomOp, type RoomOpResult } from "../lib/collab/room-ops";
import { roomIdSchema } from "../lib/collab/room-schemas";
import { MAX_FILE_CHARS } from "../lib/collab/text-content";
import type { Db } from "../lib/db/client";
import { AppError, publicError } from "../lib/errors/app-error";
import { parseInput } from "../lib/forms/input";
import type { Logger } from "../lib/observability/logger";
import { checkGrowth } from "./doc-size-guard";
import { sidecarMetrics } from "./metrics";
import type { Room } from "./room";
import { restoreVersion, saveLiveVersion } from "./room-versions";
import { ServerEdit } from "./update-origins";

export interface RoomOpsDeps {
  db: Db;
  authSecret: string;
  /** The loaded room, loading it when cold, held until released. */
  acquire(roomId: string): Promise<{ room: Room; release: () => void }>;
  isLoaded(roomId: string): boolean;
  /** Largest request body (the largest WebSocket frame the sidecar accepts). */
  maxBodyBytes: number;
  maxRoomBytes: number;
  log: Logger;
}

const OPS_PATH = /^\/rooms\/([^/]+)\/ops$/;
/** How long a room loaded for an operation waits for other sidecars' newer state (they answer in milliseconds). */
const PEER_SYNC_WAIT_MS = 200;

/** The room of a `/rooms/<roomId>/ops` path; null for any other path. */
export function roomOpsPath(path: string): string | null {
  const match = OPS_PATH.exec(path);
  if (!match) return null;
  const roomId = roomIdSchema.safeParse(match[1]);
  return roomId.success ? roomId.data : "";
}

/**
 * `POST /rooms/<roomId>/ops`: the web app's way to change a live room for a user (REST, MCP, CLI).
 * Authenticated by a room operation token (lib/collab/room-op-token.ts) bound to this body; the
 * membership is checked again here. The change is one transaction on the live document with the
 * user as origin, so it takes the path of any edit: size limits, journal, database, other
 * sidecars, open editors. Answered once it is persisted.
 */
export function createRoomOpsHandler(deps: RoomOpsDeps) {
  return async (req: IncomingMessage, res: ServerResponse, roomId: string): Promise<void> => {
    try {
      if (!roomId) throw new AppError("NOT_FOUND", "No such room.");
      const body = await readBody(req, deps.maxBodyBytes);
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      const caller = token ? await verifyRoomOpToken(deps.authSecret, token, { roomId, body }) : null;
      if (!caller) throw new AppError("UNAUTHENTICATED", "A valid room operation token for this room and body is required.");
      const op = parseInput(roomOpSchema, parseJson(body));
      if (op.op !== caller.op) throw new AppError("UNAUTHENTICATED", "The token is for another operation.");
      await requireRoomAccess(deps.db, roomId, caller.userId, "edit");
      const cold = !deps.isLoaded(roomId);
      const { room, release } = await deps.acquire(roomId);
      try {
        if (cold) await room.peerSync(PEER_SYNC_WAIT_MS);
        const result = await apply(deps, room, op, caller.userId);
        await room.flush();
        deps.log.info({ roomId, userId: caller.userId, op: op.op, changed: result.changed }, "room operation applied");
        send(res, 200, result);
      } finally {
        release();
      }
    } catch (err) {
      const { status, body } = publicError(err);
      if (status >= 500) deps.log.error({ err, roomId }, "room operation failed");
      send(res, status, { error: { code: body.error.code, message: body.error.message } });
    }
  };
}

async function apply(deps: RoomOpsDeps, room: Room, op: RoomOp, userId: string): Promise<RoomOpResult> {
  const context = { roomId: room.id, userId };
  switch (op.op) {
    case "save":
      return { changed: false, versionId: (await saveLiveVersion(deps.db, room, context, op.label)).id };
    case "restore":
      return { changed: true, undoVersionId: (await restoreVersion(deps.db, room, context, op.versionId)).undoVersionId };
    default: {
      const refusal = checkGrowth(room.doc, { maxFileChars: MAX_FILE_CHARS, maxRoomBytes: deps.maxRoomBytes }, fileOpGrowth(room.doc, op));
      if (refusal) throw new AppError("PAYLOAD_TOO_LARGE", `Not applied: ${refusal.message}.`);
      return applyFileOp(room.doc, op, new ServerEdit(userId));
    }
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid JSON.");
  }
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The request is larger than ${maxBytes} bytes.`);
  if (Number(req.headers["content-length"] ?? "0") > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sidecarMetrics.roomOps.inc({ status });
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
