import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { createAdapter } from "./adapter";
import type { DbProvider, DbTarget } from "./target";

/**
 * The app's database client. Both generated clients come from one data model and expose the same
 * API; the SQLite client's type stands for both.
 */
export type Db = SqliteClient;

// Next bundles instrumentation and routes apart, each with its own copy of this module; one table
// on globalThis lets any copy answer for a client another copy created.
const PROVIDERS_KEY = Symbol.for("eca.db.providers");
const globalTables = globalThis as typeof globalThis & { [PROVIDERS_KEY]?: WeakMap<Db, DbProvider> };
const providers = (globalTables[PROVIDERS_KEY] ??= new WeakMap<Db, DbProvider>());

/** Which database a client talks to, for the few queries that must differ (e.g. case-insensitive search). */
export function dbProvider(db: Db): DbProvider {
  const provider = providers.get(db);
  if (!provider) throw new Error("dbProvider: this client was not created by connectDb");
  return provider;
}

const TARGETS_KEY = Symbol.for("eca.db.targets");
const globalTargets = globalThis as typeof globalThis & { [TARGETS_KEY]?: WeakMap<Db, DbTarget> };
const targets = (globalTargets[TARGETS_KEY] ??= new WeakMap<Db, DbTarget>());

/** What a client was connected to, so a worker thread can open its own connection to the same database. */
export function dbTarget(db: Db): DbTarget {
  const target = targets.get(db);
  if (!target) throw new Error("dbTarget: this client was not created by connectDb");
  return target;
}

export async function connectDb(target: DbTarget): Promise<Db> {
  const adapter = createAdapter(target);
  if (target.provider === "postgresql") {
    const pgClient = new PostgresClient({ adapter }) as unknown as Db;
    providers.set(pgClient, "postgresql");
    targets.set(pgClient, target);
    return pgClient;
  }
  const client = new SqliteClient({ adapter });
  providers.set(client, "sqlite");
  targets.set(client, target);
  // WAL lets the web app and the collab sidecar share the file; NORMAL sync is safe under WAL.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

export async function pingDb(db: Db, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.$queryRawUnsafe("SELECT 1"), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
