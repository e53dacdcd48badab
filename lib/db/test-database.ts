import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { connectDb, type Db } from "./client";
import { applyMigrations } from "./migrate";
import { resolveDbTarget, type DbProvider, type DbTarget } from "./target";

/**
 * Real databases for integration tests: a fresh SQLite file, and, when TEST_DATABASE_URL is set, a
 * fresh PostgreSQL schema per test database so runs never collide. Under CI=true a missing
 * TEST_DATABASE_URL is an error: the PostgreSQL suite must not be skipped silently.
 */
export function testProviders(): DbProvider[] {
  if (process.env.TEST_DATABASE_URL) return ["sqlite", "postgresql"];
  if (process.env.CI === "true") {
    throw new Error("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL integration suite would be skipped");
  }
  return ["sqlite"];
}

export interface TestDatabase {
  db: Db;
  target: DbTarget;
  dispose: () => Promise<void>;
}

export async function createTestDatabase(provider: DbProvider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "eca-test-"));
    const target = resolveDbTarget(undefined, dir);
    await applyMigrations(target);
    const db = await connectDb(target);
    return {
      db,
      target,
      dispose: async () => {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const target: DbTarget = { ...resolveDbTarget(baseUrl, "."), schema };
  await applyMigrations(target);
  const db = await connectDb(target);
  return {
    db,
    target,
    dispose: async () => {
      await db.$disconnect();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA "${schema}" CASCADE`);
      await cleanup.end();
    },
  };
}
