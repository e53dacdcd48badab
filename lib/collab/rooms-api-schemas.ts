import { z } from "zod";
import { roomRoleSchema } from "./room-roles";
import { createRoomSchema, inviteMemberSchema, versionLabelSchema } from "./room-schemas";
import { MAX_FILE_CHARS } from "./text-content";

/**
 * The shapes of the rooms part of REST API v1: request schemas validate what callers send (the
 * endpoint functions parse with them), response schemas describe answers; the OpenAPI document is
 * built from both (rooms-api-spec.ts).
 */
export const pageQuerySchema = z.object({
  cursor: z.string().regex(/^[\w-]{1,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const createRoomBodySchema = createRoomSchema.meta({ id: "CreateRoomBody" });
export const inviteMemberBodySchema = inviteMemberSchema.meta({ id: "InviteMemberBody" });
export const changeRoleBodySchema = z.object({ role: roomRoleSchema }).meta({ id: "ChangeRoleBody" });
export const writeFileBodySchema = z.object({ content: z.string().max(MAX_FILE_CHARS) }).meta({ id: "WriteFileBody" });
export const moveFileBodySchema = z.object({ path: z.string().min(1).max(1024).describe("The file's new path") }).meta({ id: "MoveFileBody" });
export const saveVersionBodySchema = z.object({ label: versionLabelSchema }).meta({ id: "SaveVersionBody" });

const isoDate = z.iso.datetime();

export const roomSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    role: roomRoleSchema.describe("The caller's role in the room"),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: "Room" });
export type RoomItem = z.infer<typeof roomSchema>;

export const roomPageSchema = z.object({ items: z.array(roomSchema), nextCursor: z.string().nullable() }).meta({ id: "RoomPage" });
export type RoomPage = z.infer<typeof roomPageSchema>;

export const memberSchema = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: roomRoleSchema })
  .meta({ id: "RoomMember" });
export type MemberItem = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ items: z.array(memberSchema) }).meta({ id: "RoomMemberList" });
export const roomDetailsSchema = roomSchema.extend({ members: z.array(memberSchema) }).meta({ id: "RoomDetails" });
export type RoomDetailsItem = z.infer<typeof roomDetailsSchema>;

export const fileListSchema = z
  .object({
    items: z.array(
      z.object({ id: z.string(), path: z.string(), language: z.string(), size: z.number().int().describe("UTF-8 bytes") }),
    ),
  })
  .meta({ id: "RoomFileList" });
export type FileList = z.infer<typeof fileListSchema>;

export const fileSchema = z.object({ path: z.string(), content: z.string(), language: z.string() }).meta({ id: "RoomFile" });
export const writeFileResultSchema = z
  .object({ path: z.string(), created: z.boolean().describe("Whether the file was new") })
  .meta({ id: "WriteFileResult" });
export const moveFileResultSchema = z.object({ path: z.string() }).meta({ id: "MoveFileResult" });

export const versionSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    auto: z.boolean().describe("An automatic checkpoint rather than a saved version"),
    createdAt: isoDate,
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "RoomVersion" });
export type VersionItem = z.infer<typeof versionSchema>;

export const versionListSchema = z.object({ items: z.array(versionSchema) }).meta({ id: "RoomVersionList" });
export const restoreResultSchema = z
  .object({ restored: z.string(), undoVersionId: z.string().describe("The version holding the state before the restore") })
  .meta({ id: "RestoreResult" });
