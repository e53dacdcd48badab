import "./service-name";
import { logger } from "../../lib/observability/logger";
import { startIngestProcess } from "./start";

startIngestProcess().catch((err: unknown) => {
  logger.fatal({ err }, "ingestion worker failed to start");
  process.exit(1);
});
