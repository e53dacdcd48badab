import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { dbTarget, type Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { StateReply, StateRequest, StateResult, StateTask } from "./state-thread";

/** Worker threads do not inherit a TypeScript loader: this boot script registers tsx, then loads the entry. */
const BOOT = ["lib", "knowledge", "queue", "pipeline-thread-boot.mjs"];
const ENTRY = ["lib", "collab", "state-thread.ts"];
const TIMEOUT_MS = 120_000;
const MEMORY_MB = 2048;
/** An idle thread is stopped after this, closing its database connections. */
const IDLE_MS = 60_000;

class StateThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateThreadError";
  }
}

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let chain: Promise<unknown> = Promise.resolve();

/**
 * Paths are resolved from the project root, the working directory of every process (web app,
 * sidecar, tests), and the thread loads the sources as tsx does: the bundler is told to leave them
 * alone (it would otherwise trace the whole project into the server output).
 */
function spawn(): Worker {
  const root = process.cwd();
  const thread = new Worker(join(/* turbopackIgnore: true */ root, ...BOOT), {
    workerData: { entry: pathToFileURL(join(/* turbopackIgnore: true */ root, ...ENTRY)).href },
    resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
  });
  // Failures reach the running task through its own listeners; between tasks they must not throw here.
  thread.on("error", () => undefined);
  thread.on("exit", () => {
    if (worker === thread) worker = undefined;
  });
  return thread;
}

function stop(): void {
  const current = worker;
  worker = undefined;
  void current?.terminate();
}

function execute(request: StateRequest): Promise<unknown> {
  clearTimeout(idleTimer);
  const thread = (worker ??= spawn());
  thread.ref();
  return new Promise((resolve, reject) => {
    const finish = (outcome: StateReply | Error) => {
      clearTimeout(timer);
      thread.off("message", finish);
      thread.off("error", finish);
      thread.off("exit", onExit);
      if (outcome instanceof Error) {
        stop();
        reject(outcome instanceof StateThreadError ? outcome : new StateThreadError(outcome.message));
        return;
      }
      thread.unref();
      idleTimer = setTimeout(stop, IDLE_MS).unref();
      if (outcome.ok) resolve(outcome.result);
      else reject(outcome.code ? new AppError(outcome.code, outcome.message) : new StateThreadError(outcome.message));
    };
    const onExit = (code: number) => finish(new StateThreadError(`room document thread exited with code ${code}`));
    const timer = setTimeout(() => finish(new StateThreadError(`room document task took longer than ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    thread.on("message", finish);
    thread.on("error", finish);
    thread.on("exit", onExit);
    thread.postMessage(request);
  });
}

/**
 * Runs one task on a room's stored document in this process's room-document thread (started on
 * first use, heap-capped, stopped after a minute idle), one task at a time, so the calling process
 * keeps serving meanwhile. A task that crashes, runs out of memory or times out takes the thread
 * down; the next task starts a fresh one.
 */
export function runStateTask<T extends StateTask>(db: Db, task: T): Promise<StateResult<T>> {
  const request: StateRequest = { target: dbTarget(db), task };
  const run = chain.then(() => execute(request));
  chain = run.catch(() => undefined);
  return run as Promise<StateResult<T>>;
}
