import { z } from "zod";
import type { CatalogueModel } from "../ai/catalogue";
import type { ModelRef } from "../ai/model-ref";
import { writeAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import { parseInput } from "../forms/input";
import { modelRefStringSchema } from "./schemas";

const SETTINGS_KEY = "chat.settings";

const chatSettingsSchema = z.object({
  /** The model new turns use unless the user picks another; null = the first configured one. */
  defaultModel: modelRefStringSchema.nullable().default(null),
  /** Tried in order when the chosen model fails; empty = AI_FALLBACK_MODELS from the environment. */
  fallbackOrder: z
    .array(modelRefStringSchema)
    .max(10, "At most 10 fallback models")
    .default([])
    .refine((refs) => new Set(refs).size === refs.length, "A model appears twice in the fallback order"),
});
export type ChatSettings = { defaultModel: ModelRef | null; fallbackOrder: ModelRef[] };

const EMPTY: ChatSettings = { defaultModel: null, fallbackOrder: [] };

function parse(value: unknown): ChatSettings | null {
  const parsed = chatSettingsSchema.safeParse(value);
  return parsed.success ? (parsed.data as ChatSettings) : null;
}

async function readChatSettings(db: Db): Promise<ChatSettings> {
  const row = await db.setting.findUnique({ where: { key: SETTINGS_KEY } });
  if (!row) return EMPTY;
  try {
    return parse(JSON.parse(row.value)) ?? EMPTY;
  } catch {
    return EMPTY;
  }
}

// Every chat turn needs the settings and admins rarely change them: a read is kept for a few
// seconds. Saving replaces it at once; the TTL bounds how stale another process's copy can be.
// On globalThis (per client) so the admin action and the chat route see one cache across bundles.
export const CHAT_SETTINGS_TTL_MS = 5_000;
const CACHE_KEY = Symbol.for("eca.chat.settingsCache");
const globalCaches = globalThis as typeof globalThis & {
  [CACHE_KEY]?: WeakMap<Db, { expiresAt: number; settings: Promise<ChatSettings> }>;
};
const cache = (globalCaches[CACHE_KEY] ??= new WeakMap());

/** The admin's chat settings; the empty defaults when none were saved (or the stored value is unreadable). */
export function getChatSettings(db: Db, now = Date.now()): Promise<ChatSettings> {
  const hit = cache.get(db);
  if (hit && hit.expiresAt > now) return hit.settings;
  const settings = readChatSettings(db);
  cache.set(db, { expiresAt: now + CHAT_SETTINGS_TTL_MS, settings });
  // A failed read is not kept: the next turn asks the database again.
  settings.catch(() => {
    if (cache.get(db)?.settings === settings) cache.delete(db);
  });
  return settings;
}

/** Validates and stores the settings, with an audit entry naming the admin and the change. */
export async function saveChatSettings(db: Db, actorId: string, input: unknown): Promise<ChatSettings> {
  const settings = parseInput(chatSettingsSchema, input) as ChatSettings;
  const before = await readChatSettings(db);
  const value = JSON.stringify(settings);
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: SETTINGS_KEY }, create: { key: SETTINGS_KEY, value }, update: { value } });
    await writeAudit(tx, { actorId, action: "chat.settings_changed", targetType: "setting", targetId: SETTINGS_KEY, details: { from: before, to: settings } });
  });
  cache.delete(db);
  return settings;
}

/** The model to preselect: the admin's default when configured, otherwise the first available one. */
export function pickDefaultModel(settings: ChatSettings, models: readonly CatalogueModel[]): ModelRef | null {
  if (settings.defaultModel && models.some((m) => m.ref === settings.defaultModel)) return settings.defaultModel;
  return models[0]?.ref ?? null;
}
