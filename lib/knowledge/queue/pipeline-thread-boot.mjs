// Worker-thread entry: worker threads do not inherit the parent's TypeScript loader, so register tsx
// here before loading the pipeline thread (lib/knowledge/queue/pipeline-thread.ts).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
