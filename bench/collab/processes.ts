import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";

/**
 * Every process the benchmark starts goes through `launch`: it is remembered, killed when the
 * benchmark exits for any reason (normal end, error, Ctrl-C, SIGTERM), and it kills itself if the
 * benchmark dies without cleaning up (the orphan guard below). Optionally pinned to CPUs with
 * `taskset`, which execs node, so the pid is node's own.
 */

/**
 * Preloaded (`--import data:…`) into every child: if the benchmark dies without stopping it (e.g.
 * SIGKILL), the child is re-parented, notices within a second, sends itself SIGTERM (the sidecar
 * then shuts down cleanly) and exits 5 s later at the latest. One unref'd timer; no tsx needed, so
 * the anchor runs as plain `node src/server.js` would.
 */
const ORPHAN_GUARD_SOURCE = `
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  setTimeout(() => process.kill(process.pid, "SIGKILL"), 5000).unref();
  process.kill(process.pid, "SIGTERM");
}, 1000);
watch.unref();`;
const ORPHAN_GUARD = `data:text/javascript,${encodeURIComponent(ORPHAN_GUARD_SOURCE)}`;
const OUTPUT_KEEP = 64 * 1024;
const running = new Set<ChildProcess>();

export interface Launched {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last 64 KiB of the process's stdout and stderr. */
  output(): string;
  exited(): boolean;
}

export interface LaunchOptions {
  /** node arguments after `--import <orphan guard>` (and `--import tsx`). */
  args: string[];
  /** Load TypeScript through tsx, as `npm run collab` does. */
  tsx: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A taskset CPU list, e.g. "0" or "1-3". */
  cpus?: string;
  ipc?: boolean;
  /**
   * Send stdout and stderr to this file instead of a pipe. For servers: a process whose stdout pipe
   * lost its reader (the benchmark was killed) can hang at exit (pino's final synchronous flush
   * retries EPIPE forever), so servers never get a pipe that can die.
   */
  logFile?: string;
}

export function launch(name: string, options: LaunchOptions): Launched {
  const nodeArgs = [...(options.tsx ? ["--import", "tsx"] : []), "--import", ORPHAN_GUARD, ...options.args];
  const [command, argv] = options.cpus ? ["taskset", ["-c", options.cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const logFd = options.logFile ? openSync(options.logFile, "a") : undefined;
  const out = logFd ?? "pipe";
  const stdio: StdioOptions = options.ipc ? ["ignore", out, out, "ipc"] : ["ignore", out, out];
  let child: ChildProcess;
  try {
    child = spawn(command, argv, { cwd: options.cwd, env: options.env, stdio });
  } finally {
    if (logFd !== undefined) closeSync(logFd);
  }
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEEP);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.once("exit", () => running.delete(child));
  const logFile = options.logFile;
  return {
    name,
    child,
    pid: child.pid,
    output: () => (logFile ? tailOf(logFile) : output),
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
}

function tailOf(file: string): string {
  try {
    const size = statSync(file).size;
    const length = Math.min(size, OUTPUT_KEEP);
    const buffer = Buffer.alloc(length);
    const fd = openSync(file, "r");
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    return buffer.toString();
  } catch {
    return "";
  }
}

/** Resolves once the process printed `needle` (checked every 20 ms); rejects if it exits first or takes too long. */
export function waitForOutput(proc: Launched, needle: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${proc.name} did not print "${needle}" within ${timeoutMs} ms:\n${proc.output()}`)), timeoutMs);
    const poll = setInterval(() => {
      if (proc.output().includes(needle)) done();
    }, 20);
    const onExit = (code: number | null) => done(new Error(`${proc.name} exited (${code}) before it was ready:\n${proc.output()}`));
    function done(err?: Error) {
      clearTimeout(timer);
      clearInterval(poll);
      proc.child.off("exit", onExit);
      if (err) reject(err);
      else resolve();
    }
    proc.child.once("exit", onExit);
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProcess(proc: Launched, graceMs = 10_000): Promise<void> {
  if (proc.exited()) return;
  const gone = new Promise<void>((resolve) => proc.child.once("exit", () => resolve()));
  proc.child.kill("SIGTERM");
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), graceMs);
  await gone;
  clearTimeout(timer);
}

const exitTasks = new Set<() => void>();

/** A synchronous clean-up (e.g. removing a temp dir) run if the benchmark exits early; returns its remover. */
export function atExit(task: () => void): () => void {
  exitTasks.add(task);
  return () => exitTasks.delete(task);
}

export function killAllNow(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  for (const task of exitTasks) {
    try {
      task();
    } catch {
      // best effort while exiting
    }
  }
  exitTasks.clear();
}

/** Kills every launched process when this one exits, however it exits (short of SIGKILL). */
export function installCleanup(): void {
  process.once("exit", killAllNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping every benchmark process`);
      killAllNow();
      process.exit(130);
    });
  }
}

export interface CpuPlan {
  /** taskset list for the server under test, or undefined when not pinning. */
  server?: string;
  /** taskset list for the client workers, or undefined when not pinning. */
  clients?: string;
  description: string;
}

/** With 2+ cores and taskset: the server alone on CPU 0, the load generator on the others. */
export function cpuPlan(pin: boolean): CpuPlan {
  const cores = availableParallelism();
  const taskset = ["/usr/bin/taskset", "/bin/taskset", "/usr/local/bin/taskset"].some((p) => existsSync(p));
  if (!pin || cores < 2 || !taskset) {
    return { description: `not pinned (${cores} cores${pin && !taskset ? ", taskset not found" : ""})` };
  }
  const clients = cores === 2 ? "1" : `1-${cores - 1}`;
  return { server: "0", clients, description: `server on CPU 0, client workers on CPU ${clients} (${cores} cores)` };
}
