import { defineConfig } from "prisma/config";
import { createAdapter } from "../lib/db/adapter";
import { resolveDbTarget } from "../lib/db/target";

const target = resolveDbTarget(process.env.DATABASE_URL, process.env.DATA_DIR ?? "./data");
// An empty DATABASE_URL (as .env.example has it) means the SQLite default too.
process.env.DATABASE_URL ||= target.url;

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "./schema.prisma",
  migrations: { path: "./migrations/sqlite" },
  adapter: async () => createAdapter(target),
});
