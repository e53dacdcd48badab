// Runs the product's child processes, restarts a crashed one with exponential backoff, records
// their states in a status file for /api/health and stops them all on request.
import { spawn, type ChildProcess } from "node:child_process";
import type { Logger } from "../lib/observability/logger";
import { removeProcessStatus, writeProcessStatus, type ChildStatus } from "../lib/observability/process-status";

export interface ChildSpec {
  name: string;
  /** Arguments to the current Node binary. */
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long before crashing starts again from the initial delay. */
  stableAfterMs: number;
  /** Crashes in a row from which the log calls it a crash loop. */
  crashLoopAfter: number;
  /** How long children get to exit after the stop signal before SIGKILL. */
  stopGraceMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  crashLoopAfter: 3,
  stopGraceMs: 10_000,
};

/** The wait before restart number `consecutiveCrashes` (1-based): 0.5 s, 1 s, 2 s, … capped. */
export function restartDelayMs(consecutiveCrashes: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, consecutiveCrashes - 1));
}

interface Supervised {
  spec: ChildSpec;
  process: ChildProcess | undefined;
  startedAt: number;
  restarts: number;
  consecutiveCrashes: number;
  restartTimer: NodeJS.Timeout | undefined;
  nextRestartAt: number | undefined;
}

export class ProcessSupervisor {
  private readonly children: Supervised[];
  private stopping: Promise<void> | undefined;

  constructor(
    specs: ChildSpec[],
    private readonly options: { cwd: string; statusFile: string; log: Logger; policy?: RestartPolicy },
  ) {
    this.children = specs.map((spec) => ({
      spec,
      process: undefined,
      startedAt: 0,
      restarts: 0,
      consecutiveCrashes: 0,
      restartTimer: undefined,
      nextRestartAt: undefined,
    }));
  }

  private get policy(): RestartPolicy {
    return this.options.policy ?? DEFAULT_RESTART_POLICY;
  }

  start(): void {
    for (const child of this.children) this.spawn(child);
  }

  /** Sends `signal` to every running child, cancels pending restarts; resolves once all exited. */
  stop(signal: NodeJS.Signals): Promise<void> {
    this.stopping ??= this.stopAll(signal);
    return this.stopping;
  }

  private async stopAll(signal: NodeJS.Signals): Promise<void> {
    const exits: Promise<unknown>[] = [];
    for (const child of this.children) {
      clearTimeout(child.restartTimer);
      child.restartTimer = undefined;
      child.nextRestartAt = undefined;
      const running = child.process;
      if (!running) continue;
      exits.push(new Promise((resolve) => running.once("exit", resolve)));
      running.kill(signal);
    }
    this.writeStatus();
    const force = setTimeout(() => {
      for (const child of this.children) child.process?.kill("SIGKILL");
    }, this.policy.stopGraceMs);
    await Promise.all(exits);
    clearTimeout(force);
    removeProcessStatus(this.options.statusFile);
  }

  private spawn(child: Supervised): void {
    const running = spawn(process.execPath, child.spec.args, { cwd: this.options.cwd, stdio: "inherit", env: child.spec.env });
    child.process = running;
    child.startedAt = Date.now();
    child.nextRestartAt = undefined;
    running.once("exit", (code, signal) => this.onExit(child, code, signal));
    this.writeStatus();
  }

  private onExit(child: Supervised, code: number | null, signal: NodeJS.Signals | null): void {
    child.process = undefined;
    if (this.stopping) return;
    const ranMs = Date.now() - child.startedAt;
    child.consecutiveCrashes = ranMs >= this.policy.stableAfterMs ? 1 : child.consecutiveCrashes + 1;
    child.restarts += 1;
    const delayMs = restartDelayMs(child.consecutiveCrashes, this.policy);
    const { name } = child.spec;
    const fields = { child: name, code, signal, ranMs, crashesInARow: child.consecutiveCrashes, restartInMs: delayMs };
    if (child.consecutiveCrashes >= this.policy.crashLoopAfter) {
      this.options.log.error(fields, `${name} is crash-looping: ${child.consecutiveCrashes} crashes in a row; restarting with backoff`);
    } else {
      this.options.log.error(fields, `${name} exited unexpectedly; restarting`);
    }
    child.nextRestartAt = Date.now() + delayMs;
    child.restartTimer = setTimeout(() => {
      child.restartTimer = undefined;
      if (!this.stopping) this.spawn(child);
    }, delayMs);
    this.writeStatus();
  }

  private childStatus(child: Supervised): ChildStatus {
    return {
      state: child.process ? "running" : child.restartTimer ? "restarting" : "stopped",
      pid: child.process?.pid ?? null,
      restarts: child.restarts,
      consecutiveCrashes: child.consecutiveCrashes,
      nextRestartAt: child.nextRestartAt ? new Date(child.nextRestartAt).toISOString() : null,
    };
  }

  private writeStatus(): void {
    try {
      writeProcessStatus(this.options.statusFile, {
        supervisorPid: process.pid,
        updatedAt: new Date().toISOString(),
        children: Object.fromEntries(this.children.map((child) => [child.spec.name, this.childStatus(child)])),
      });
    } catch (err) {
      this.options.log.warn({ err, file: this.options.statusFile }, "could not write the process status file");
    }
  }
}
