import { z } from "zod";
import { AppError, type ErrorCode } from "../errors/app-error";
import { signRoomOpToken } from "./room-op-token";
import { roomOpResultSchema, type RoomOp, type RoomOpResult } from "./room-ops";

/** How the web app reaches the collab sidecar's HTTP side. */
export interface SidecarLink {
  /** e.g. http://127.0.0.1:1234 */
  url: string;
  authSecret: string;
  /** Restoring a large room takes seconds; 30 s by default. */
  timeoutMs?: number;
}

const errorReplySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
/** Codes the sidecar may answer with, passed on to the caller as they are. */
const PASSED_ON = new Set<ErrorCode>(["VALIDATION_FAILED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "RATE_LIMITED"]);

function unavailable(): AppError {
  return new AppError("UNAVAILABLE", "The collaboration server is not reachable; the room was not changed. Try again.");
}

/**
 * Asks the sidecar to apply an operation to the room's live document for `userId`. It answers once
 * the change is persisted, so a read from the database afterwards sees it.
 */
export async function sendRoomOp(link: SidecarLink, request: { userId: string; roomId: string; op: RoomOp }): Promise<RoomOpResult> {
  const body = JSON.stringify(request.op);
  const token = await signRoomOpToken(link.authSecret, { userId: request.userId, roomId: request.roomId, op: request.op.op }, body);
  let response: Response;
  try {
    response = await fetch(`${link.url.replace(/\/+$/, "")}/rooms/${encodeURIComponent(request.roomId)}/ops`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(link.timeoutMs ?? 30_000),
    });
  } catch {
    throw unavailable();
  }
  const reply: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = roomOpResultSchema.safeParse(reply);
    if (parsed.success) return parsed.data;
    throw unavailable();
  }
  const failure = errorReplySchema.safeParse(reply);
  if (failure.success && PASSED_ON.has(failure.data.error.code as ErrorCode)) {
    throw new AppError(failure.data.error.code as ErrorCode, failure.data.error.message);
  }
  throw unavailable();
}
