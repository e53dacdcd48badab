import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { sqlitePath, type DbTarget } from "./target";

/**
 * Applies the committed SQL migrations (prisma/migrations/<provider>/<name>/migration.sql, written
 * by `npm run db:migration`) in name order, each once, each in its own transaction, recorded with
 * its checksum in `_app_migrations`. A lock makes concurrent starts safe.
 *
 * Why not `prisma migrate deploy`: with the JS schema engine (the only offline one) and
 * @prisma/adapter-pg it fails on PostgreSQL ("Column type 'name' could not be deserialized",
 * prisma/orm#27403). One runner for both providers keeps their behaviour identical.
 */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function loadMigrations(provider: DbTarget["provider"], root = process.cwd()): Migration[] {
  const dir = resolve(root, "prisma/migrations", provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function pending(all: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const local = all.find((m) => m.name === name);
    if (!local) throw new MigrationError(`database has migration ${name}, which this version does not know`);
    if (local.checksum !== checksum) throw new MigrationError(`migration ${name} was edited after it was applied`);
  }
  return all.filter((m) => !applied.has(m.name));
}

const TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS "_app_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)';

function migrateSqlite(target: DbTarget, migrations: Migration[]): string[] {
  const file = sqlitePath(target);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(TABLE_SQL);
    // BEGIN IMMEDIATE takes the write lock first, so two starting processes run one after the other.
    const run = db.transaction(() => {
      const rows = db.prepare('SELECT "name", "checksum" FROM "_app_migrations"').all() as Migration[];
      const todo = pending(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
      const record = db.prepare('INSERT INTO "_app_migrations" VALUES (?, ?, ?)');
      for (const m of todo) {
        db.exec(m.sql);
        record.run(m.name, m.checksum, new Date().toISOString());
      }
      return todo.map((m) => m.name);
    });
    return run.immediate();
  } finally {
    db.close();
  }
}

const LOCK_ID = 720_511_923;

async function migratePostgres(target: DbTarget, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    if (target.schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema.replaceAll('"', '""')}"`);
      await client.query(`SET search_path TO "${target.schema.replaceAll('"', '""')}"`);
    }
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(TABLE_SQL);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT "name", "checksum" FROM "_app_migrations"',
    );
    const todo = pending(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
    for (const m of todo) {
      await client.query("BEGIN");
      try {
        // Prisma's generated scripts begin with CREATE SCHEMA "public"; the search path decides instead.
        await client.query(m.sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n/m, ""));
        await client.query('INSERT INTO "_app_migrations" VALUES ($1, $2, $3)', [
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new MigrationError(`migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.end();
  }
}

/** Brings the target's database up to date; returns the names of the migrations it applied. */
export async function applyMigrations(target: DbTarget, root?: string): Promise<string[]> {
  const migrations = loadMigrations(target.provider, root);
  return target.provider === "sqlite" ? migrateSqlite(target, migrations) : migratePostgres(target, migrations);
}
