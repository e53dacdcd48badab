import { z } from "zod";
import { emailSchema } from "../auth/schemas";
import { AppError } from "../errors/app-error";
import { invitableRoleSchema, roomRoleSchema } from "./room-roles";
import { userText } from "../forms/text";

export const roomIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Room ids contain letters, digits, '-' and '_' only.");

const roomNameSchema = userText().trim().min(1, "Give the room a name.").max(80, "Use at most 80 characters.");
const roomDescriptionSchema = userText().trim().max(500, "Use at most 500 characters.");

export const createRoomSchema = z.object({
  name: roomNameSchema,
  description: roomDescriptionSchema.default(""),
});
export type CreateRoomInput = z.input<typeof createRoomSchema>;

export const updateRoomSchema = z.object({
  name: roomNameSchema.optional(),
  description: roomDescriptionSchema.optional(),
});
export type UpdateRoomInput = z.input<typeof updateRoomSchema>;

/** Any member may chat, viewers included: the viewer role only keeps people out of the files. */
export const chatBodySchema = userText().trim().min(1, "Write a message.").max(4000, "Use at most 4000 characters.");

export const versionLabelSchema = userText().trim().min(1, "Name this version.").max(120, "Use at most 120 characters.");

export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: invitableRoleSchema,
});
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const changeRoleSchema = z.object({
  userId: z.string().min(1),
  role: roomRoleSchema,
});
export type ChangeRoleInput = z.input<typeof changeRoleSchema>;

/** Parses a lib input; a failure becomes VALIDATION_FAILED with the first message per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join(".") || "input"] ??= issue.message;
  throw new AppError("VALIDATION_FAILED", Object.values(fields)[0] ?? "Invalid input.", { fields });
}
