import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { HealthCheck } from "./health";

// The supervisor's view of its children, kept in a small JSON file that the web process's health
// check reads: the web process cannot see its siblings otherwise.

const childStatusSchema = z.object({
  state: z.enum(["running", "restarting", "stopped"]),
  pid: z.number().int().nullable(),
  restarts: z.number().int().min(0),
  consecutiveCrashes: z.number().int().min(0),
  nextRestartAt: z.string().nullable(),
});

const processStatusSchema = z.object({
  supervisorPid: z.number().int(),
  updatedAt: z.string(),
  children: z.record(z.string(), childStatusSchema),
});

export type ChildStatus = z.infer<typeof childStatusSchema>;
export type ProcessStatus = z.infer<typeof processStatusSchema>;

/** Replaces the file atomically, so a reader never sees half of it. */
export function writeProcessStatus(file: string, status: ProcessStatus): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(status));
  renameSync(temporary, file);
}

export function removeProcessStatus(file: string): void {
  rmSync(file, { force: true });
}

export function readProcessStatus(file: string): ProcessStatus | undefined {
  if (!existsSync(file)) return undefined;
  return processStatusSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Degraded while any supervised child is restarting or stopped, or when the supervisor itself is
 * gone; ok when the process runs without a supervisor (no file given or none written yet).
 */
export function processStatusCheck(file: string | undefined): HealthCheck {
  return async () => {
    if (!file) return { status: "ok", detail: "not supervised" };
    const status = readProcessStatus(file);
    if (!status) return { status: "ok", detail: "no supervisor status yet" };
    if (!isAlive(status.supervisorPid)) return { status: "degraded", detail: "the supervisor is gone" };
    const troubled = Object.entries(status.children).filter(([, child]) => child.state !== "running");
    if (troubled.length === 0) return { status: "ok" };
    const detail = troubled
      .map(([name, child]) => `${name} ${child.state} (${child.consecutiveCrashes} crash${child.consecutiveCrashes === 1 ? "" : "es"} in a row)`)
      .join(", ");
    return { status: "degraded", detail };
  };
}
