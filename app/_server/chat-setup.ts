import "server-only";
import { describeProviderSetup } from "@/lib/ai";
import { getChatSettings, pickDefaultModel } from "@/lib/chat";
import type { ChatSetup } from "@/lib/chat/chat-setup";
import { getAiRuntime, getDb } from "./runtime";

/** What every chat view needs to know: the configured models, the default, and setup help. */
export async function loadChatSetup(): Promise<ChatSetup> {
  const ai = getAiRuntime();
  const [catalogue, settings] = await Promise.all([ai.catalogue.list(), getChatSettings(await getDb())]);
  const status = describeProviderSetup(ai.config);
  return {
    models: catalogue.models.map((m) => ({ ref: m.ref, label: m.label, provider: m.provider })),
    defaultModel: pickDefaultModel(settings, catalogue.models),
    providerConfigured: status.configured.length > 0,
    setupMessage: status.message,
    notes: catalogue.notes.map((n) => n.message),
  };
}
