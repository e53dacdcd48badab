// Imported first by main.ts: the shared logger reads SERVICE_NAME when it is created, and a child
// logger cannot replace the base `service` field (pino would print the key twice).
import { defaultServiceName } from "../lib/config/log-settings";

defaultServiceName("collab");
