import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, loadMigrations } from "./migrate";
import { resolveDbTarget } from "./target";
import { createTestDatabase, testProviders } from "./test-database";

describe("committed migrations", () => {
  it("match the data model for both providers (run `npm run db:migration -- <name>` after a schema change)", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    expect(readFileSync("prisma/migrations/sqlite/schema.snapshot.prisma", "utf8")).toBe(schema);
    expect(loadMigrations("postgresql").map((m) => m.name)).toEqual(loadMigrations("sqlite").map((m) => m.name));
  });
});

describe.each(testProviders())("applyMigrations on %s", (provider) => {
  it("applies each migration once, even when started concurrently", async () => {
    const t = await createTestDatabase(provider);
    try {
      const again = await Promise.all([applyMigrations(t.target), applyMigrations(t.target)]);
      expect(again).toEqual([[], []]);
      expect(await t.db.user.count()).toBe(0);
    } finally {
      await t.dispose();
    }
  });
});

describe("applyMigrations safety", () => {
  it("refuses a database whose applied migration was edited afterwards", async () => {
    const root = mkdtempSync(join(tmpdir(), "eca-mig-"));
    cpSync("prisma/migrations", join(root, "prisma/migrations"), { recursive: true });
    const target = resolveDbTarget(undefined, join(root, "data"));
    expect((await applyMigrations(target, root)).length).toBeGreaterThan(0);
    const [first] = loadMigrations("sqlite", root);
    const file = join(root, "prisma/migrations/sqlite", first!.name, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8") + "\n-- edited\n");
    await expect(applyMigrations(target, root)).rejects.toThrow(/was edited after it was applied/);
  });
});
