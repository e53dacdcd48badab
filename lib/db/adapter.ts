import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { sqlitePath, type DbTarget } from "./target";

/** The Prisma driver adapter for a target; shared by the app's client and the migration CLI. */
export function createAdapter(target: DbTarget) {
  if (target.provider === "postgresql") {
    return new PrismaPg(
      {
        connectionString: target.url,
        max: 10,
        ...(target.schema ? { options: `-c search_path="${target.schema}"` } : {}),
      },
      target.schema ? { schema: target.schema } : undefined,
    );
  }
  const file = sqlitePath(target);
  mkdirSync(dirname(file), { recursive: true });
  // `timeout` is better-sqlite3's busy timeout: web and sidecar share the file in WAL mode.
  return new PrismaBetterSQLite3({ url: target.url, timeout: 5000 });
}
