import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { CHAT_SETTINGS_TTL_MS, getChatSettings, saveChatSettings } from "./settings";
import { createTestUser } from "./testing";

describe.each(testProviders())("cached chat settings on %s", (provider) => {
  let t: TestDatabase;
  let admin: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    admin = await createTestUser(t.db, "Admin");
  });
  afterAll(() => t.dispose());

  it("shows a save at once, and a change made elsewhere once the cached read expires", async () => {
    expect(await getChatSettings(t.db)).toEqual({ defaultModel: null, fallbackOrder: [] });
    await saveChatSettings(t.db, admin, { defaultModel: "openai:gpt-5-mini", fallbackOrder: [] });
    expect((await getChatSettings(t.db)).defaultModel).toBe("openai:gpt-5-mini");

    // Another process (or a second app instance) changes the row behind this one's back.
    const value = JSON.stringify({ defaultModel: "ollama:llama3.1:8b", fallbackOrder: [] });
    await t.db.setting.update({ where: { key: "chat.settings" }, data: { value } });
    expect((await getChatSettings(t.db)).defaultModel).toBe("openai:gpt-5-mini");
    expect((await getChatSettings(t.db, Date.now() + CHAT_SETTINGS_TTL_MS + 1)).defaultModel).toBe("ollama:llama3.1:8b");
  });
});
