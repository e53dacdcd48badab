"use server";

import { getDb } from "@/app/_server/runtime";
import { requireAdmin } from "@/app/_server/session";
import { changeRole, setDisabled } from "@/lib/auth/admin";
import { roleSchema } from "@/lib/auth/roles";
import { failureFrom, INTERNAL_FAILURE, validationFailure, type ActionResult } from "@/lib/forms/action-result";
import { logger } from "@/lib/observability/logger";
import { revalidatePath } from "next/cache";
import { z } from "zod";

const userUpdateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("role"), userId: z.string().min(1).max(64), role: roleSchema }),
  z.object({ kind: z.literal("disabled"), userId: z.string().min(1).max(64), disabled: z.boolean() }),
]);
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export async function updateUserAction(input: unknown): Promise<ActionResult> {
  const actor = await requireAdmin();
  const parsed = userUpdateSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const update = parsed.data;
  try {
    const db = await getDb();
    if (update.kind === "role") await changeRole(db, actor, update.userId, update.role);
    else await setDisabled(db, actor, update.userId, update.disabled);
  } catch (err) {
    const failure = failureFrom(err);
    if (failure) return failure;
    logger.error({ err }, "admin update failed");
    return INTERNAL_FAILURE;
  }
  revalidatePath("/admin");
  return { ok: true };
}
