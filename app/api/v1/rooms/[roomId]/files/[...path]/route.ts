import { readJsonBody } from "@/app/_server/body";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getRoomFileDeps } from "@/app/_server/runtime";
import {
  deleteRoomFileEndpoint,
  moveRoomFileEndpoint,
  readRoomFileEndpoint,
  writeRoomFileEndpoint,
} from "@/lib/collab/room-file-endpoints";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** A file of at most 1,000,000 characters as JSON: up to 3 bytes per character, plus escapes. */
const MAX_WRITE_BYTES = 4 * 1024 * 1024;
const MAX_MOVE_BYTES = 4 * 1024;

type Params = { roomId: string; path: string[] };

/** One file's content (members only). */
export const GET = route<Params>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  return NextResponse.json(await readRoomFileEndpoint(await getRoomFileDeps(), principal, params.roomId, params.path));
});

/** Creates or replaces a file (`{content}`) in the live room: open editors see it at once. */
export const PUT = route<Params>(
  async (req, { params }) => {
    const principal = await requirePrincipal(req);
    const body = await readJsonBody(req, MAX_WRITE_BYTES);
    return NextResponse.json(await writeRoomFileEndpoint(await getRoomFileDeps(), principal, params.roomId, params.path, body));
  },
  { contentType: "application/json" },
);

/** Moves or renames a file (`{path}`) in the live room. */
export const PATCH = route<Params>(
  async (req, { params }) => {
    const principal = await requirePrincipal(req);
    const body = await readJsonBody(req, MAX_MOVE_BYTES);
    return NextResponse.json(await moveRoomFileEndpoint(await getRoomFileDeps(), principal, params.roomId, params.path, body));
  },
  { contentType: "application/json" },
);

/** Deletes a file from the live room. */
export const DELETE = route<Params>(async (req, { params }) => {
  const principal = await requirePrincipal(req);
  await deleteRoomFileEndpoint(await getRoomFileDeps(), principal, params.roomId, params.path);
  return new Response(null, { status: 204 });
});
