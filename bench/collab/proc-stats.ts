import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * CPU time and memory of processes, read from Linux /proc (no packages): utime + stime from
 * /proc/<pid>/stat (all threads of the process), VmRSS from /proc/<pid>/status, and the machine's
 * busy time from /proc/stat.
 */
function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SECOND = clockTicksPerSecond();

/** CPU time (user + system) the process has used so far, in milliseconds; null once it is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Resident set size in bytes; null once the process is gone. */
export function processRssBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface HostCpu {
  busy: number;
  total: number;
}

/** Aggregate jiffies of all CPUs: busy (everything but idle and iowait) and total. */
export function hostCpu(): HostCpu {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export function hostBusyPercent(from: HostCpu, to: HostCpu): number {
  const total = to.total - from.total;
  return total > 0 ? ((to.busy - from.busy) / total) * 100 : Number.NaN;
}

/** CPU used by a set of processes between two readings, as percent of one core. */
export function cpuPercent(cpuMsDelta: number, wallMs: number): number {
  return wallMs > 0 ? (cpuMsDelta / wallMs) * 100 : Number.NaN;
}

export function sumCpuMs(pids: number[]): number {
  return pids.reduce((total, pid) => total + (processCpuMs(pid) ?? 0), 0);
}
