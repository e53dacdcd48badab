// Derives the PostgreSQL Prisma schema from prisma/schema.prisma, the one source of truth.
// Only the datasource provider and the generated client's folder differ.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/schema.prisma"), "utf8");

const postgres = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output       = "../lib/db/generated/sqlite"', 'output       = "../../lib/db/generated/postgresql"')
  .replace(/^\/\/ The single source[\s\S]*?\n\n/, "// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs. Do not edit.\n\n");

if (!postgres.includes('provider = "postgresql"') || !postgres.includes("generated/postgresql")) {
  throw new Error("prisma-schemas: prisma/schema.prisma no longer has the expected provider/output lines");
}
mkdirSync(join(root, "prisma/postgresql"), { recursive: true });
writeFileSync(join(root, "prisma/postgresql/schema.prisma"), postgres);
