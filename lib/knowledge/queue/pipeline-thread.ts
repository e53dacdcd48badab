import { parentPort } from "node:worker_threads";
import type { DocumentInput } from "../detect";
import { ingestBuffer, type IngestOptions, type IngestResult, type IngestStage } from "../pipeline";

/** What the ingest worker sends its pipeline thread, and what comes back. */
export interface ThreadRequest {
  input: DocumentInput;
  options: IngestOptions;
}

export type ThreadReply = { type: "stage"; stage: IngestStage } | { type: "result"; result: IngestResult };

const port = parentPort;
if (port) {
  port.on("message", (request: ThreadRequest) => {
    const post = (reply: ThreadReply) => port.postMessage(reply);
    void ingestBuffer(request.input, request.options, (stage) => post({ type: "stage", stage })).then((result) =>
      post({ type: "result", result }),
    );
  });
}
