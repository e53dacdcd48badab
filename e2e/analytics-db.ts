import { test } from "@playwright/test";
import { join } from "node:path";
import { connectDb, type Db } from "../lib/db/client";
import { resolveDbTarget } from "../lib/db/target";

/**
 * The database of the app server the current Playwright project runs against (see
 * playwright.config.ts: a SQLite file under E2E_DATA_DIR/<project>, or the run's PostgreSQL schema),
 * so a test can seed usage events the way the features write them.
 */
export async function projectDb(): Promise<Db> {
  const project = test.info().project.name;
  if (project === "postgresql") {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set("schema", process.env.E2E_PG_SCHEMA!);
    return connectDb(resolveDbTarget(url.toString(), "."));
  }
  return connectDb(resolveDbTarget(undefined, join(process.env.E2E_DATA_DIR!, project)));
}
