// Migrations and the preset admin. Imported by the supervisor only after the Prisma clients are
// generated: `lib/db/client` needs them, and a clean clone has none yet.
import { ensurePresetAdmin } from "../lib/auth/users";
import type { AppConfig } from "../lib/config";
import { connectDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import type { Logger } from "../lib/observability/logger";

export async function prepareDatabase(config: AppConfig, log: Logger): Promise<void> {
  const applied = await applyMigrations(config.db);
  log.info({ provider: config.db.provider, applied }, "database is up to date");
  if (config.adminPreset) {
    const db = await connectDb(config.db);
    try {
      if (await ensurePresetAdmin(db, config.adminPreset)) log.info({ email: config.adminPreset.email }, "created preset admin");
    } finally {
      await db.$disconnect();
    }
  }
}
