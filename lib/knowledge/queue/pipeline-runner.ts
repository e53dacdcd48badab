import { Worker } from "node:worker_threads";
import type { DocumentInput } from "../detect";
import { formatBytes } from "../errors";
import { ingestBuffer, type IngestOptions, type IngestResult, type IngestStage, type StageListener } from "../pipeline";
import type { ThreadReply, ThreadRequest } from "./pipeline-thread";

export type RunFailure = Extract<IngestResult, { ok: false }> | { ok: false; stage: IngestStage; code: "TIMEOUT"; message: string };
export type RunResult = IngestResult | RunFailure;

/** Runs the pipeline on one file; never throws for a bad file. */
export interface PipelineRunner {
  run(input: DocumentInput, options: IngestOptions, onStage: StageListener): Promise<RunResult>;
  close(): Promise<void>;
}

/** Runs in this thread: for tests and tools. Cannot enforce a time or memory limit. */
export const inProcessRunner: PipelineRunner = {
  run: (input, options, onStage) => ingestBuffer(input, options, onStage),
  close: async () => {},
};

export interface ThreadRunnerOptions {
  timeoutMs: number;
  memoryMb: number;
}

const BOOT = new URL("./pipeline-thread-boot.mjs", import.meta.url);
const ENTRY = new URL("./pipeline-thread.ts", import.meta.url).href;

/**
 * Runs the pipeline in a worker thread with a heap cap, killed when a file takes longer than the
 * timeout or needs more memory; the next file gets a fresh thread. One file at a time per runner.
 */
export function createThreadRunner(options: ThreadRunnerOptions): PipelineRunner {
  let worker: Worker | undefined;
  const spawn = () =>
    new Worker(BOOT, { workerData: { entry: ENTRY }, resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });

  function run(input: DocumentInput, ingestOptions: IngestOptions, onStage: StageListener): Promise<RunResult> {
    const thread = (worker ??= spawn());
    let stage: IngestStage = "detecting";
    let stages: Promise<void> = Promise.resolve();
    return new Promise<RunResult>((resolve) => {
      const finish = (result: RunResult, kill: boolean) => {
        clearTimeout(timer);
        thread.off("message", onMessage);
        thread.off("error", onError);
        thread.off("exit", onExit);
        if (kill) {
          worker = undefined;
          void thread.terminate();
        }
        void stages.then(() => resolve(result), () => resolve(result));
      };
      const onMessage = (reply: ThreadReply) => {
        if (reply.type === "stage") {
          stage = reply.stage;
          stages = stages.then(() => onStage(reply.stage));
        } else finish(reply.result, false);
      };
      const onError = (err: Error & { code?: string }) => {
        const outOfMemory = err.code === "ERR_WORKER_OUT_OF_MEMORY";
        const message = outOfMemory
          ? `Processing this file needed more than ${formatBytes(options.memoryMb * 1024 * 1024)} of memory.`
          : "Something went wrong while processing this file. Try again later.";
        finish({ ok: false, stage, code: outOfMemory ? "TOO_LARGE" : "INTERNAL", message }, true);
      };
      const onExit = () => onError(new Error("pipeline thread exited"));
      const timer = setTimeout(() => {
        const message = `Processing this file took longer than ${Math.round(options.timeoutMs / 1000)} seconds.`;
        finish({ ok: false, stage, code: "TIMEOUT", message }, true);
      }, options.timeoutMs);
      thread.on("message", onMessage);
      thread.once("error", onError);
      thread.once("exit", onExit);
      // A fresh ArrayBuffer: a Buffer's may be Node's shared pool, which Node 24 refuses to transfer.
      const copy = new Uint8Array(input.bytes);
      const request: ThreadRequest = { input: { name: input.name, bytes: copy }, options: ingestOptions };
      thread.postMessage(request, [copy.buffer]);
    });
  }

  return {
    run,
    close: async () => {
      const thread = worker;
      worker = undefined;
      if (thread) await thread.terminate();
    },
  };
}
