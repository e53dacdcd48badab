import { isAbsolute, resolve } from "node:path";

export type DbProvider = "sqlite" | "postgresql";

export interface DbTarget {
  provider: DbProvider;
  /** For SQLite a `file:` URL with an absolute path; for PostgreSQL the URL without `schema`. */
  url: string;
  /** PostgreSQL schema (from `?schema=`), when not the default. */
  schema?: string;
}

/**
 * Decides which database the app talks to: `DATABASE_URL` when set (postgres:// or file:),
 * otherwise the embedded SQLite file under `DATA_DIR`.
 */
export function resolveDbTarget(databaseUrl: string | undefined, dataDir: string): DbTarget {
  if (!databaseUrl) {
    return { provider: "sqlite", url: `file:${resolve(dataDir, "app.db")}` };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const parsed = new URL(databaseUrl);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    return { provider: "postgresql", url: parsed.toString(), schema };
  }
  if (databaseUrl.startsWith("file:")) {
    const path = databaseUrl.slice("file:".length);
    return { provider: "sqlite", url: `file:${isAbsolute(path) ? path : resolve(path)}` };
  }
  throw new Error("DATABASE_URL must start with postgresql://, postgres:// or file:");
}

export function sqlitePath(target: DbTarget): string {
  return target.url.slice("file:".length);
}
