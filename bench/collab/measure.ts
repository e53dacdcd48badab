import { nowMs, sleep, sleepUntil } from "./clock";
import { Histogram, type LatencySummary } from "./histogram";
import { cpuPercent, hostBusyPercent, hostCpu, processCpuMs, processRssBytes, sumCpuMs } from "./proc-stats";
import type { MeasureWindow } from "./protocol";
import type { Scenario } from "./scenarios";
import type { RunningTarget, TargetName } from "./targets/target";
import type { WorkerPool } from "./worker-pool";

export interface Timing {
  epochMs: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  /** Pause before each memory reading (after start, after connecting), so start-up work settles. */
  settleMs: number;
  /** Per phase: connecting, receiving the room's file, collecting reports. */
  phaseTimeoutMs: number;
}

export interface Measured {
  target: TargetName;
  ok: true;
  connections: number;
  setupSec: number;
  connectSec: number;
  latencyMs: LatencySummary;
  sentPerSec: number;
  deliveredPerSec: number;
  /** Deliveries seen within the drain time, of those expected (sent × peers). */
  deliveredPercent: number;
  server: {
    cpuPercent: number;
    cpuUsPerDelivery: number;
    rssIdleMb: number;
    rssLoadedMb: number;
    rssPeakMb: number;
    rssPerConnectionKb: number;
  };
  loadGenerator: { cpuPercent: number; loopDelayP99Ms: number; loopDelayMaxMs: number; reconnects: number; disconnected: number; negativeLatencies: number };
  hostBusyPercent: number;
}

export interface Failed {
  target: TargetName;
  ok: false;
  error: string;
}

export type TargetResult = Measured | Failed;

const MB = 1024 * 1024;
const MIN_CONNECTIONS_FOR_RSS = 50;

function rss(pid: number): number {
  const bytes = processRssBytes(pid);
  if (bytes === null) throw new Error(`the server (pid ${pid}) is gone`);
  return bytes;
}

/**
 * One scenario against one running server: connect every client, let the room's file reach all of
 * them, warm up, then measure for `durationMs` (latencies only of edits sent inside the window,
 * CPU and host load over exactly the window), wait `drainMs` for late deliveries and collect.
 */
export async function measure(scenario: Scenario, target: RunningTarget, pool: WorkerPool, timing: Timing): Promise<Measured> {
  await sleep(timing.settleMs);
  const rssIdle = rss(target.pid);
  const connect = await pool.connect(timing.epochMs, target.clients, timing.phaseTimeoutMs);
  if (connect.failed > 0) throw new Error(`${connect.failed} of ${connect.clients} clients did not connect; first: ${connect.firstError}`);
  await pool.prepare(timing.phaseTimeoutMs);
  await sleep(timing.settleMs);
  const rssLoaded = rss(target.pid);

  const startAt = nowMs() + 200 + timing.warmupMs;
  const window: MeasureWindow = { start: startAt - timing.epochMs, end: startAt - timing.epochMs + timing.durationMs };
  pool.broadcast({ type: "start", window });
  await sleepUntil(startAt);
  const before = { at: nowMs(), server: processCpuMs(target.pid) ?? 0, clients: sumCpuMs(pool.pids), host: hostCpu() };
  let rssPeak = rssLoaded;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, processRssBytes(target.pid) ?? 0)), 250);
  await sleepUntil(timing.epochMs + window.end);
  clearInterval(sampler);
  const after = { at: nowMs(), server: processCpuMs(target.pid) ?? 0, clients: sumCpuMs(pool.pids), host: hostCpu() };
  rssPeak = Math.max(rssPeak, rss(target.pid));
  await sleep(timing.drainMs);
  const reports = await pool.reports(timing.phaseTimeoutMs);

  const histogram = new Histogram();
  for (const report of reports) histogram.merge(report.histogram);
  const sent = reports.reduce((n, r) => n + Object.values(r.sentByRoom).reduce((a, b) => a + b, 0), 0);
  const received = reports.reduce((n, r) => n + r.received, 0);
  const expected = sent * (scenario.clientsPerRoom - 1);
  const seconds = timing.durationMs / 1000;
  const wallMs = after.at - before.at;
  const serverCpuMs = after.server - before.server;
  return {
    target: target.name,
    ok: true,
    connections: connect.clients,
    setupSec: target.setupMs / 1000,
    connectSec: connect.ms / 1000,
    latencyMs: histogram.summary(),
    sentPerSec: sent / seconds,
    deliveredPerSec: received / seconds,
    deliveredPercent: expected ? (received / expected) * 100 : Number.NaN,
    server: {
      cpuPercent: cpuPercent(serverCpuMs, wallMs),
      cpuUsPerDelivery: received ? (serverCpuMs * 1000) / received : Number.NaN,
      rssIdleMb: rssIdle / MB,
      rssLoadedMb: rssLoaded / MB,
      rssPeakMb: rssPeak / MB,
      // With a handful of sockets the difference is room loading and JIT warm-up, not connections.
      rssPerConnectionKb: connect.clients >= MIN_CONNECTIONS_FOR_RSS ? (rssLoaded - rssIdle) / 1024 / connect.clients : Number.NaN,
    },
    loadGenerator: {
      cpuPercent: cpuPercent(after.clients - before.clients, wallMs),
      loopDelayP99Ms: Math.max(...reports.map((r) => r.loopDelayP99Ms)),
      loopDelayMaxMs: Math.max(...reports.map((r) => r.loopDelayMaxMs)),
      reconnects: reports.reduce((n, r) => n + r.reconnects, 0),
      disconnected: reports.reduce((n, r) => n + r.disconnected, 0),
      negativeLatencies: reports.reduce((n, r) => n + r.negative, 0),
    },
    hostBusyPercent: hostBusyPercent(before.host, after.host),
  };
}
