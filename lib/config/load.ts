import { ConfigError } from "./errors";
import { getConfig, type AppConfig } from "./index";

/** The one call the loader needs of a logger (config sits below observability, so it names no Logger type). */
interface FatalLog {
  fatal(details: object, message: string): void;
}

/** The process's configuration; on a bad variable, logs every problem and exits with status 1. */
export function loadConfigOrExit(log: FatalLog): AppConfig {
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
