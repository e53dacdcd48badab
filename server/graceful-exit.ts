import type { Logger } from "../lib/observability/logger";

/**
 * Runs `close` once on SIGTERM or SIGINT, then exits 0 (1 when closing failed), so a service's
 * pending writes are flushed before the process goes.
 */
export function exitGracefully(log: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    try {
      await close();
      process.exit(0);
    } catch (err) {
      log.fatal({ err }, "unclean shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", (signal) => void stop(signal));
  process.on("SIGINT", (signal) => void stop(signal));
}
