// Creates a migration for both providers from the change in prisma/schema.prisma since the last one.
// Usage: npm run db:migration -- <name>
// Each provider keeps `schema.snapshot.prisma`, the schema its migrations produce; the new migration
// is the diff from that snapshot to the current schema. (Prisma's --from-migrations needs a shadow
// database, which the JS schema engine does not support.) The PostgreSQL diff needs a reachable
// server: TEST_DATABASE_URL, else the local default.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}
execFileSync("node", ["scripts/prisma-schemas.mjs"], { stdio: "inherit" });

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const providers = {
  sqlite: { schema: "prisma/schema.prisma", env: {} },
  postgresql: {
    schema: "prisma/postgresql/schema.prisma",
    env: { DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test" },
  },
};

for (const [provider, { schema, env }] of Object.entries(providers)) {
  const dir = join("prisma/migrations", provider);
  const snapshot = join(dir, "schema.snapshot.prisma");
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--config", `prisma/${provider}.config.ts`, ...from,
      "--to-schema-datamodel", schema, "--script"],
    { encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!/^\s*(CREATE|ALTER|DROP|PRAGMA|INSERT|UPDATE|DELETE)/im.test(sql)) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const target = join(dir, `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "migration.sql"), sql);
  copyFileSync(schema, snapshot);
  console.log(`${provider}: wrote ${target}/migration.sql`);
}
