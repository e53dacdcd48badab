import type { LogWarningsFunction } from "ai";
import { logger } from "../observability/logger";

export const aiLogger = logger.child({ component: "ai" });

// The AI SDK prints model warnings (e.g. "temperature is not supported") to the console unless
// given a logger; send them to ours instead, unless someone already chose otherwise.
const logSdkWarnings: LogWarningsFunction = ({ warnings, provider, model }) =>
  aiLogger.warn({ provider, model, warnings }, "AI SDK warnings");
globalThis.AI_SDK_LOG_WARNINGS ??= logSdkWarnings;
