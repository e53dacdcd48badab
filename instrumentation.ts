/** Runs once per server process: closes the database connection when the process is told to stop. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { closeRuntime } = await import("./app/_server/runtime");
  const { logger } = await import("./lib/observability/logger");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      closeRuntime()
        .then(() => logger.info({ signal }, "database closed"))
        .catch((err) => logger.error({ err }, "closing the database failed"));
    });
  }
}
