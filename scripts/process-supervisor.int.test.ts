import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { readProcessStatus } from "../lib/observability/process-status";
import { DEFAULT_RESTART_POLICY, ProcessSupervisor, restartDelayMs, type RestartPolicy } from "./process-supervisor";

const FAST: RestartPolicy = { initialDelayMs: 50, maxDelayMs: 400, stableAfterMs: 60_000, crashLoopAfter: 3, stopGraceMs: 5_000 };

function capturingLog() {
  const lines: { level: number; msg: string; crashesInARow?: number }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: "info" }, sink), lines };
}

function scratch(script: string): { dir: string; script: string; statusFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "eca-supervisor-"));
  writeFileSync(join(dir, "child.cjs"), script);
  return { dir, script: join(dir, "child.cjs"), statusFile: join(dir, "status.json") };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("restartDelayMs", () => {
  it("doubles from 0.5 s and stops at 30 s", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => restartDelayMs(n, DEFAULT_RESTART_POLICY))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });
});

describe("ProcessSupervisor", () => {
  it("restarts a crashing child with backoff and calls a crash loop one, loudly", async () => {
    const files = scratch("setTimeout(() => process.exit(3), 10);");
    const { log, lines } = capturingLog();
    const supervisor = new ProcessSupervisor([{ name: "crasher", args: [files.script], env: process.env }], {
      cwd: files.dir,
      statusFile: files.statusFile,
      log,
      policy: FAST,
    });
    supervisor.start();
    await until(() => lines.some((line) => (line.crashesInARow ?? 0) >= 4));
    const errors = lines.filter((line) => line.level === 50);
    expect(errors.map((line) => line.crashesInARow).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(errors[2]!.msg).toContain("crasher is crash-looping: 3 crashes in a row");
    await supervisor.stop("SIGTERM");
    expect(readProcessStatus(files.statusFile)).toBeUndefined();
  });

  it("does not respawn a child killed during its backoff once stop was asked", async () => {
    const files = scratch("setInterval(() => {}, 1000);");
    const { log } = capturingLog();
    const policy = { ...FAST, initialDelayMs: 1_000 };
    const supervisor = new ProcessSupervisor([{ name: "worker", args: [files.script], env: process.env }], {
      cwd: files.dir,
      statusFile: files.statusFile,
      log,
      policy,
    });
    supervisor.start();
    const first = readProcessStatus(files.statusFile)!.children.worker!.pid!;
    process.kill(first, "SIGKILL");
    await until(() => readProcessStatus(files.statusFile)?.children.worker?.state === "restarting");
    await supervisor.stop("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, policy.initialDelayMs + 500));
    expect(readProcessStatus(files.statusFile)).toBeUndefined();
    expect(alive(first)).toBe(false);
  });

  it("restarts a child that was killed and stops the new one on SIGTERM", async () => {
    const files = scratch("process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);");
    const { log } = capturingLog();
    const supervisor = new ProcessSupervisor([{ name: "worker", args: [files.script], env: process.env }], {
      cwd: files.dir,
      statusFile: files.statusFile,
      log,
      policy: FAST,
    });
    supervisor.start();
    const first = readProcessStatus(files.statusFile)!.children.worker!.pid!;
    process.kill(first, "SIGKILL");
    await until(() => {
      const worker = readProcessStatus(files.statusFile)?.children.worker;
      return worker?.state === "running" && worker.pid !== first;
    });
    const second = readProcessStatus(files.statusFile)!.children.worker!;
    expect(second.restarts).toBe(1);
    await supervisor.stop("SIGTERM");
    expect(alive(second.pid!)).toBe(false);
  });
});
