// Imported first by worker.ts: the shared logger reads SERVICE_NAME when it is created.
import { defaultServiceName } from "../../lib/config/log-settings";

defaultServiceName("ingest");
