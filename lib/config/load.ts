import type { Logger } from "../observability/logger";
import { ConfigError } from "./errors";
import { getConfig, type AppConfig } from "./index";

/** The process's configuration; on a bad variable, logs every problem and exits with status 1. */
export function loadConfigOrExit(log: Logger): AppConfig {
  try {
    return getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      log.fatal({ problems: err.problems }, err.message);
      process.exit(1);
    }
    throw err;
  }
}
