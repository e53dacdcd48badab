import type { OpenAPIRegistry, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { roomIdSchema } from "./room-schemas";
import {
  changeRoleBodySchema,
  createRoomBodySchema,
  fileListSchema,
  fileSchema,
  inviteMemberBodySchema,
  memberListSchema,
  memberSchema,
  moveFileBodySchema,
  moveFileResultSchema,
  pageQuerySchema,
  restoreResultSchema,
  roomDetailsSchema,
  roomPageSchema,
  roomSchema,
  saveVersionBodySchema,
  versionListSchema,
  versionSchema,
  writeFileBodySchema,
  writeFileResultSchema,
} from "./rooms-api-schemas";

/** The rooms part of the OpenAPI document, from the schemas the endpoints validate with. */

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
const roomParams = z.object({ roomId: roomIdSchema });
const fileParams = roomParams.extend({
  path: z.string().meta({ description: "The file's path in the room; its `/` separators stay as they are (e.g. `src/main.ts`)." }),
});

type Method = RouteConfig["method"];
type Responses = RouteConfig["responses"];

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const failure = (description: string) => json(errorBody, description);
const readErrors: Responses = {
  401: failure("No session and no valid API token."),
  403: failure("The token lacks `rooms:read`."),
  404: failure("No such room, or the caller is not a member."),
};
const writeErrors: Responses = {
  400: failure("Invalid input."),
  401: failure("No session and no valid API token."),
  403: failure("The token lacks `rooms:write`, or the caller's room role does not allow this."),
  404: failure("No such room (or file), or the caller is not a member."),
};
const liveErrors: Responses = {
  ...writeErrors,
  409: failure("The target path is taken."),
  413: failure("A file would exceed 1,000,000 characters or the room its size limit."),
  503: failure("The collaboration server is not reachable; nothing was changed."),
};

interface PathSpec {
  method: Method;
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: [number, Responses[number]];
  errors: Responses;
}

const PATHS: PathSpec[] = [
  { method: "get", path: "/rooms", summary: "List the caller's rooms", query: pageQuerySchema, ok: [200, json(roomPageSchema, "A page of rooms.")], errors: readErrors },
  { method: "post", path: "/rooms", summary: "Create a room (the caller becomes owner)", body: createRoomBodySchema, ok: [201, json(roomSchema, "The new room.")], errors: writeErrors },
  { method: "get", path: "/rooms/{roomId}", summary: "A room with its members", params: roomParams, ok: [200, json(roomDetailsSchema, "The room.")], errors: readErrors },
  { method: "get", path: "/rooms/{roomId}/members", summary: "The room's members", params: roomParams, ok: [200, json(memberListSchema, "The members.")], errors: readErrors },
  {
    method: "post",
    path: "/rooms/{roomId}/members",
    summary: "Add an existing account as editor or viewer (owners only)",
    params: roomParams,
    body: inviteMemberBodySchema,
    ok: [201, json(memberSchema, "The new member.")],
    errors: { ...writeErrors, 409: failure("Already a member.") },
  },
  {
    method: "patch",
    path: "/rooms/{roomId}/members/{userId}",
    summary: "Change a member's role (owners only; a room keeps one owner)",
    params: roomParams.extend({ userId: z.string() }),
    body: changeRoleBodySchema,
    ok: [200, json(memberSchema, "The member with the new role.")],
    errors: { ...writeErrors, 409: failure("The last owner cannot step down.") },
  },
  {
    method: "delete",
    path: "/rooms/{roomId}/members/{userId}",
    summary: "Remove a member (owners only)",
    params: roomParams.extend({ userId: z.string() }),
    ok: [204, { description: "Removed." }],
    errors: { ...writeErrors, 409: failure("The last owner cannot be removed.") },
  },
  { method: "get", path: "/rooms/{roomId}/files", summary: "Every file of the room", params: roomParams, ok: [200, json(fileListSchema, "The files.")], errors: readErrors },
  { method: "get", path: "/rooms/{roomId}/files/{path}", summary: "A file's content", params: fileParams, ok: [200, json(fileSchema, "The file.")], errors: readErrors },
  {
    method: "put",
    path: "/rooms/{roomId}/files/{path}",
    summary: "Create or replace a file in the live room (open editors see it at once; the same content changes nothing)",
    params: fileParams,
    body: writeFileBodySchema,
    ok: [200, json(writeFileResultSchema, "Written and saved.")],
    errors: liveErrors,
  },
  {
    method: "patch",
    path: "/rooms/{roomId}/files/{path}",
    summary: "Move or rename a file in the live room",
    params: fileParams,
    body: moveFileBodySchema,
    ok: [200, json(moveFileResultSchema, "Moved.")],
    errors: liveErrors,
  },
  { method: "delete", path: "/rooms/{roomId}/files/{path}", summary: "Delete a file from the live room", params: fileParams, ok: [204, { description: "Deleted." }], errors: liveErrors },
  { method: "get", path: "/rooms/{roomId}/versions", summary: "The room's versions, newest first", params: roomParams, ok: [200, json(versionListSchema, "The versions.")], errors: readErrors },
  {
    method: "post",
    path: "/rooms/{roomId}/versions",
    summary: "Save the live room as a labelled version (owners and editors)",
    params: roomParams,
    body: saveVersionBodySchema,
    ok: [201, json(versionSchema, "The saved version.")],
    errors: liveErrors,
  },
  {
    method: "post",
    path: "/rooms/{roomId}/versions/{versionId}/restore",
    summary: "Restore a version in the live room (owners and editors)",
    params: roomParams.extend({ versionId: z.string() }),
    ok: [200, json(restoreResultSchema, "Restored; restoring `undoVersionId` undoes it.")],
    errors: liveErrors,
  },
  {
    method: "get",
    path: "/rooms/{roomId}/export",
    summary: "The room's files as a zip",
    params: roomParams,
    ok: [200, { description: "A zip archive.", content: { "application/zip": { schema: z.string().meta({ format: "binary" }) } } }],
    errors: readErrors,
  },
];

export function registerRoomPaths(registry: OpenAPIRegistry): void {
  for (const spec of PATHS) {
    registry.registerPath({
      method: spec.method,
      path: `/api/v1${spec.path}`,
      tags: ["Rooms"],
      summary: spec.summary,
      request: {
        ...(spec.params && { params: spec.params }),
        ...(spec.query && { query: spec.query }),
        ...(spec.body && { body: { required: true, content: { "application/json": { schema: spec.body } } } }),
      },
      responses: { [spec.ok[0]]: spec.ok[1], ...spec.errors },
    });
  }
}
