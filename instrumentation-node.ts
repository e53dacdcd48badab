import { closeRuntime } from "./app/_server/runtime";
import { logger } from "./lib/observability/logger";

/** Closes the database connection when the process is told to stop. */
export function registerShutdown(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      closeRuntime()
        .then(() => logger.info({ signal }, "database closed"))
        .catch((err) => logger.error({ err }, "closing the database failed"));
    });
  }
}
