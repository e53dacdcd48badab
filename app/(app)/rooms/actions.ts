"use server";

import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { changeMemberRole, inviteMember, leaveRoom, removeMember } from "@/lib/collab/members";
import { roomIdSchema } from "@/lib/collab/room-schemas";
import { createRoom, deleteRoom, updateRoom } from "@/lib/collab/rooms";
import { failureFrom, INTERNAL_FAILURE, validationFailure, type ActionResult } from "@/lib/forms/action-result";
import { logger } from "@/lib/observability/logger";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userText } from "@/lib/forms/text";

const text = (max: number) => userText().max(max);

const createSchema = z.object({ name: text(200), description: text(2000).default("") });
const updateSchema = z.object({ roomId: roomIdSchema, name: text(200), description: text(2000) });
const inviteSchema = z.object({ roomId: roomIdSchema, email: text(320), role: z.enum(["editor", "viewer"]) });
const roleSchema = z.object({ roomId: roomIdSchema, userId: z.string().min(1).max(64), role: z.enum(["owner", "editor", "viewer"]) });
const memberSchema = z.object({ roomId: roomIdSchema, userId: z.string().min(1).max(64) });
const roomOnlySchema = z.object({ roomId: roomIdSchema });

export type CreateRoomResult = ActionResult<"name" | "description"> & { roomId?: string };

/** Runs a room change for the signed-in user, mapping lib errors to form answers. */
async function run<T>(schema: z.ZodType<T>, input: unknown, work: (userId: string, data: T) => Promise<void>): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  try {
    await work(user.id, parsed.data);
  } catch (err) {
    const failure = failureFrom(err);
    if (failure) return failure;
    logger.error({ err }, "room change failed");
    return INTERNAL_FAILURE;
  }
  revalidatePath("/rooms", "layout");
  return { ok: true };
}

export async function createRoomAction(input: unknown): Promise<CreateRoomResult> {
  let roomId: string | undefined;
  const result = await run(createSchema, input, async (userId, data) => {
    roomId = (await createRoom(await getDb(), userId, data)).id;
  });
  return result.ok ? { ok: true, roomId } : result;
}

export async function updateRoomAction(input: unknown): Promise<ActionResult> {
  return run(updateSchema, input, async (userId, { roomId, ...data }) => updateRoom(await getDb(), userId, roomId, data));
}

export async function deleteRoomAction(input: unknown): Promise<ActionResult> {
  return run(roomOnlySchema, input, async (userId, { roomId }) => deleteRoom(await getDb(), userId, roomId));
}

export async function inviteMemberAction(input: unknown): Promise<ActionResult> {
  return run(inviteSchema, input, async (userId, { roomId, ...data }) => {
    await inviteMember(await getDb(), userId, roomId, data);
  });
}

export async function changeMemberRoleAction(input: unknown): Promise<ActionResult> {
  return run(roleSchema, input, async (userId, { roomId, ...data }) => changeMemberRole(await getDb(), userId, roomId, data));
}

export async function removeMemberAction(input: unknown): Promise<ActionResult> {
  return run(memberSchema, input, async (userId, { roomId, userId: memberId }) => removeMember(await getDb(), userId, roomId, memberId));
}

export async function leaveRoomAction(input: unknown): Promise<ActionResult> {
  return run(roomOnlySchema, input, async (userId, { roomId }) => leaveRoom(await getDb(), userId, roomId));
}
