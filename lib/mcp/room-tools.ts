import { z } from "zod";
import { listRoomFilesEndpoint, listRoomsEndpoint, readRoomFileEndpoint, writeRoomFileEndpoint } from "../collab/room-file-endpoints";
import { roomIdSchema } from "../collab/room-schemas";
import { MAX_FILE_CHARS } from "../collab/text-content";
import { defineTool, type ToolOutput } from "./tool";

const roomId = roomIdSchema.describe("The room's id, as list_rooms gives it");
const filePath = z.string().min(1).max(1024).describe('The file\'s path in the room, e.g. "src/main.ts"');

function asJson(structured: Record<string, unknown>): ToolOutput {
  return { text: JSON.stringify(structured, null, 2), structured };
}

export const listRoomsTool = defineTool({
  name: "list_rooms",
  title: "List your rooms",
  description: "Lists the collaborative rooms you are a member of, with your role in each, most recently changed first. Needs rooms:read.",
  scope: "rooms:read",
  input: z.object({
    cursor: z.string().max(64).optional().describe("nextCursor of the previous page"),
    limit: z.number().int().min(1).max(200).optional().describe("Rooms per page (default 50)"),
  }),
  readOnly: true,
  async run({ deps, principal }, input) {
    return asJson(await listRoomsEndpoint(deps.db, principal, { cursor: input.cursor, limit: input.limit?.toString() }));
  },
});

export const listRoomFilesTool = defineTool({
  name: "list_room_files",
  title: "List a room's files",
  description: "Lists every file of a room with its language and size in bytes. Needs rooms:read.",
  scope: "rooms:read",
  input: z.object({ roomId }),
  readOnly: true,
  async run({ deps, principal }, input) {
    return asJson(await listRoomFilesEndpoint(deps, principal, input.roomId));
  },
});

export const readRoomFileTool = defineTool({
  name: "read_room_file",
  title: "Read a room file",
  description: "Returns the current content of one file in a room, including edits people are making right now. Needs rooms:read.",
  scope: "rooms:read",
  input: z.object({ roomId, path: filePath }),
  readOnly: true,
  async run({ deps, principal }, input) {
    const file = await readRoomFileEndpoint(deps, principal, input.roomId, input.path);
    // The content as it is, so the model reads code rather than an escaped JSON string.
    return { text: file.content, structured: { ...file } };
  },
});

export const writeRoomFileTool = defineTool({
  name: "write_room_file",
  title: "Write a room file",
  description:
    "Creates a file in a room or replaces its whole content. The change goes into the live document: people " +
    "with the file open see it at once, and only the lines that differ change. Needs rooms:write and the " +
    "owner or editor role in the room.",
  scope: "rooms:write",
  input: z.object({ roomId, path: filePath, content: z.string().max(MAX_FILE_CHARS).describe("The file's complete new content") }),
  readOnly: false,
  async run({ deps, principal }, input) {
    return asJson(await writeRoomFileEndpoint(deps, principal, input.roomId, input.path, { content: input.content }));
  },
});
