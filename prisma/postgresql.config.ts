import { defineConfig } from "prisma/config";
import { createAdapter } from "../lib/db/adapter";
import { resolveDbTarget } from "../lib/db/target";

// `prisma generate` needs no connection; a placeholder keeps the schema's env() satisfied.
process.env.DATABASE_URL ||= "postgresql://localhost/placeholder";
const target = resolveDbTarget(process.env.DATABASE_URL, process.env.DATA_DIR ?? "./data");

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "./postgresql/schema.prisma",
  migrations: { path: "./migrations/postgresql" },
  adapter: async () => createAdapter(target),
});
