"use server";

import { getDb } from "@/app/_server/runtime";
import { requireAdmin } from "@/app/_server/session";
import { saveChatSettings } from "@/lib/chat";
import { failureFrom, INTERNAL_FAILURE, type ActionResult } from "@/lib/forms/action-result";
import { logger } from "@/lib/observability/logger";
import { revalidatePath } from "next/cache";

/** Saves the default model and fallback order (validated in lib/chat, audited as chat.settings_changed). */
export async function saveChatSettingsAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAdmin();
  try {
    await saveChatSettings(await getDb(), admin.id, input);
  } catch (err) {
    const failure = failureFrom(err);
    if (failure) return failure;
    logger.error({ err }, "saving chat settings failed");
    return INTERNAL_FAILURE;
  }
  revalidatePath("/admin");
  revalidatePath("/chat");
  return { ok: true };
}
