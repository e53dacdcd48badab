import { z } from "zod";
import { roomIdSchema } from "../lib/collab/room-schemas";

export type SocketRoute = { channel: "doc" | "events"; roomId: string; token: string | null };

const tokenSchema = z.string().min(1).max(4096);

/**
 * Parses an upgrade request's URL: `/<roomId>?token=…` is the Yjs document channel (the path the
 * stock y-websocket client builds), `/events/<roomId>?token=…` the JSON events channel.
 */
export function parseSocketRoute(url: string | undefined): SocketRoute | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, "http://sidecar.invalid");
  } catch {
    return null;
  }
  const segments = parsed.pathname.split("/").slice(1);
  const channel = segments.length === 2 && segments[0] === "events" ? "events" : "doc";
  const rawRoom = channel === "events" ? segments[1] : segments.length === 1 && segments[0] !== "events" ? segments[0] : undefined;
  const roomId = roomIdSchema.safeParse(rawRoom);
  if (!roomId.success) return null;
  const tokens = parsed.searchParams.getAll("token");
  const token = tokens.length === 1 ? tokenSchema.safeParse(tokens[0]) : null;
  if (tokens.length > 1 || (token && !token.success)) return null;
  return { channel, roomId: roomId.data, token: token?.success ? token.data : null };
}
