const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type LogLevel = (typeof LEVELS)[number];

/**
 * LOG_LEVEL and SERVICE_NAME for the logger, read without the full validation: the logger must
 * exist before the configuration is checked, to report what is wrong with it. An unknown level
 * falls back to info here; buildConfig reports it.
 */
export function logSettings(): { level: LogLevel; service: string } {
  const level = LEVELS.find((l) => l === process.env.LOG_LEVEL) ?? "info";
  return { level, service: process.env.SERVICE_NAME ?? "web" };
}

/** Names this process in its log lines unless the supervisor already did; call before the logger loads. */
export function defaultServiceName(name: string): void {
  process.env.SERVICE_NAME ??= name;
}
