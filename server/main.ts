import "./service-name";
import { join } from "node:path";
import { createUsageEventSink } from "../lib/analytics/usage-events";
import { loadConfigOrExit } from "../lib/config/load";
import { connectDb } from "../lib/db/client";
import { logger } from "../lib/observability/logger";
import packageJson from "../package.json" with { type: "json" };
import { exitGracefully } from "./graceful-exit";
import { startSidecar } from "./sidecar";

/**
 * The collab sidecar process (`npm run collab`). Expects a migrated database (the supervisor
 * migrates before starting it). SIGTERM/SIGINT: close sockets, flush every room, disconnect, exit 0.
 */
const log = logger.child({ component: "sidecar" });

async function main(): Promise<void> {
  const config = loadConfigOrExit(log);
  const { env } = config;
  const db = await connectDb(config.db);
  const sidecar = await startSidecar({
    db,
    authSecret: config.authSecret,
    port: env.COLLAB_PORT,
    host: env.HOST,
    limits: {
      maxMessageBytes: env.COLLAB_MAX_MESSAGE_BYTES,
      maxMessagesPerSecond: env.COLLAB_MAX_MESSAGES_PER_SECOND,
      maxConnectionsPerUser: env.COLLAB_MAX_CONNECTIONS_PER_USER,
      maxRoomBytes: env.ROOM_MAX_MB * 1024 * 1024,
      chatMessagesPerMinute: env.ROOM_CHAT_MESSAGES_PER_MINUTE,
    },
    redisUrl: env.REDIS_URL,
    journalDir: join(env.DATA_DIR, "collab-journal"),
    usage: createUsageEventSink(db),
    log,
    version: packageJson.version,
  });

  exitGracefully(log, async () => {
    await sidecar.close();
    await db.$disconnect();
  });
}

process.on("unhandledRejection", (err) => log.error({ err }, "unhandled promise rejection"));

main().catch((err) => {
  log.fatal({ err }, "collab sidecar failed to start");
  process.exit(1);
});
