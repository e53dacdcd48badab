import pino, { type Logger } from "pino";
import { logSettings } from "../config/log-settings";

export type { Logger };

const { level, service } = logSettings();

/** The structured JSON logger; one per process, children carry request ids and components. */
export const logger: Logger = pino({
  level,
  base: { service },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization"], remove: true },
});
