import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { AppError } from "../errors/app-error";
import { loadTheme, saveTheme } from "./theme";

describe.each(testProviders())("theme choice on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("starts as system, keeps each user's choice and refuses anything else", async () => {
    const ann = await t.db.user.create({ data: { email: "ann@example.com", name: "Ann" } });
    const ben = await t.db.user.create({ data: { email: "ben@example.com", name: "Ben" } });
    expect(await loadTheme(t.db, ann.id)).toBe("system");

    expect(await saveTheme(t.db, ann.id, "dark")).toBe("dark");
    expect(await loadTheme(t.db, ann.id)).toBe("dark");
    expect(await loadTheme(t.db, ben.id)).toBe("system");
    await saveTheme(t.db, ann.id, "light");
    expect(await loadTheme(t.db, ann.id)).toBe("light");

    for (const bad of ["blue", "", null, { theme: "dark" }]) {
      await expect(saveTheme(t.db, ann.id, bad)).rejects.toSatisfy((err) => err instanceof AppError && err.code === "VALIDATION_FAILED");
    }
    expect(await loadTheme(t.db, ann.id)).toBe("light");
  });

  it("falls back to system for an unknown user or a value it does not know", async () => {
    expect(await loadTheme(t.db, "no-such-user")).toBe("system");
    const old = await t.db.user.create({ data: { email: "old@example.com", name: "Old", theme: "sepia" } });
    expect(await loadTheme(t.db, old.id)).toBe("system");
    await expect(saveTheme(t.db, "no-such-user", "dark")).rejects.toSatisfy((err) => err instanceof AppError && err.code === "NOT_FOUND");
  });
});
