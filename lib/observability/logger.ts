import pino, { type Logger } from "pino";

export type { Logger };

const level = process.env.LOG_LEVEL ?? "info";

/** The structured JSON logger; one per process, children carry request ids and components. */
export const logger: Logger = pino({
  level,
  base: { service: process.env.SERVICE_NAME ?? "web" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization"], remove: true },
});
