import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Measured, TargetResult } from "./measure";
import { describe, type Scenario } from "./scenarios";

export interface ScenarioReport {
  scenario: Scenario;
  results: TargetResult[];
  /** ours / anchor for every numeric metric, when both ran. */
  ratios: Record<string, number> | null;
}

interface Row {
  /** Stable name in the JSON ratios. */
  key: string;
  label: string;
  value: (m: Measured) => number;
  digits: number;
  /** Higher is better (throughput); everything else: lower is better. */
  higherIsBetter?: boolean;
  /** Context, not a comparison: no ratio printed. */
  noRatio?: boolean;
}

const ROWS: Row[] = [
  { key: "latencyP50Ms", label: "edit→peer latency p50 (ms)", value: (m) => m.latencyMs.p50, digits: 2 },
  { key: "latencyP95Ms", label: "edit→peer latency p95 (ms)", value: (m) => m.latencyMs.p95, digits: 2 },
  { key: "latencyP99Ms", label: "edit→peer latency p99 (ms)", value: (m) => m.latencyMs.p99, digits: 2 },
  { key: "latencyMaxMs", label: "edit→peer latency max (ms)", value: (m) => m.latencyMs.max, digits: 1 },
  { key: "sentPerSec", label: "edits sent /s", value: (m) => m.sentPerSec, digits: 0, higherIsBetter: true, noRatio: true },
  { key: "deliveredPerSec", label: "updates delivered /s", value: (m) => m.deliveredPerSec, digits: 0, higherIsBetter: true },
  { key: "deliveredPercent", label: "delivered within drain (%)", value: (m) => m.deliveredPercent, digits: 2, higherIsBetter: true },
  { key: "serverCpuPercent", label: "server CPU (% of one core)", value: (m) => m.server.cpuPercent, digits: 1 },
  { key: "serverCpuUsPerDelivery", label: "server CPU per delivery (µs)", value: (m) => m.server.cpuUsPerDelivery, digits: 2 },
  { key: "serverRssIdleMb", label: "server RSS idle (MB)", value: (m) => m.server.rssIdleMb, digits: 1 },
  { key: "serverRssConnectedMb", label: "server RSS connected (MB)", value: (m) => m.server.rssLoadedMb, digits: 1 },
  { key: "serverRssPeakMb", label: "server RSS peak (MB)", value: (m) => m.server.rssPeakMb, digits: 1 },
  { key: "serverRssPerConnectionKb", label: "server RSS per connection (KB)", value: (m) => m.server.rssPerConnectionKb, digits: 1 },
  { key: "loadGeneratorCpuPercent", label: "load generator CPU (% of a core)", value: (m) => m.loadGenerator.cpuPercent, digits: 1, noRatio: true },
  { key: "loadGeneratorLoopDelayP99Ms", label: "load generator loop delay p99 (ms)", value: (m) => m.loadGenerator.loopDelayP99Ms, digits: 1, noRatio: true },
  { key: "hostBusyPercent", label: "host CPU busy (%)", value: (m) => m.hostBusyPercent, digits: 1, noRatio: true },
  { key: "reconnects", label: "client reconnects", value: (m) => m.loadGenerator.reconnects, digits: 0, noRatio: true },
  { key: "setupAndConnectSec", label: "setup + connect (s)", value: (m) => m.setupSec + m.connectSec, digits: 1, noRatio: true },
];

function fmt(value: number, digits: number): string {
  if (!Number.isFinite(value)) return "–";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ratiosOf(results: TargetResult[]): Record<string, number> | null {
  const ours = results.find((r): r is Measured => r.ok && r.target === "ours");
  const anchor = results.find((r): r is Measured => r.ok && r.target === "anchor");
  if (!ours || !anchor) return null;
  return Object.fromEntries(ROWS.filter((row) => !row.noRatio).map((row) => [row.key, row.value(ours) / row.value(anchor)]));
}

/** The table for one scenario: a column per server, then ours/anchor. */
export function formatScenario(report: ScenarioReport): string {
  const { scenario, results } = report;
  const order = ["ours", "anchor"] as const;
  const columns = order.map((name) => results.find((r) => r.target === name)).filter((r): r is TargetResult => r !== undefined);
  const measured = columns.filter((r): r is Measured => r.ok);
  const lines = [`\n== ${scenario.id}: ${scenario.title} ==`, `   ${describe(scenario)}`];
  const width = 36;
  const header = ["metric".padEnd(width), ...columns.map((c) => c.target.padStart(12)), report.ratios ? "ours/anchor".padStart(13) : ""];
  lines.push(header.join(""));
  for (const row of ROWS) {
    const label = row.higherIsBetter && !row.noRatio ? `${row.label} ↑` : row.label;
    const cells = columns.map((c) => (c.ok ? fmt(row.value(c), row.digits) : "failed").padStart(12));
    const ratio = report.ratios && !row.noRatio ? fmt(report.ratios[row.key] ?? Number.NaN, 2).padStart(13) : "";
    lines.push([label.padEnd(width), ...cells, ratio].join(""));
  }
  for (const failed of columns.filter((c) => !c.ok)) lines.push(`   ${failed.target} failed: ${failed.ok ? "" : failed.error.split("\n")[0]}`);
  const warnings = measured.flatMap((m) => warningsFor(m));
  for (const warning of warnings) lines.push(`   ! ${warning}`);
  if (scenario.reference) lines.push(`   (orientation: ${scenario.reference})`);
  return lines.join("\n");
}

function warningsFor(m: Measured): string[] {
  const warnings: string[] = [];
  if (m.deliveredPercent < 99.9) warnings.push(`${m.target}: only ${fmt(m.deliveredPercent, 2)} % of the expected deliveries arrived: overloaded`);
  if (m.loadGenerator.reconnects > 0) warnings.push(`${m.target}: ${m.loadGenerator.reconnects} client reconnects during the run`);
  if (m.loadGenerator.loopDelayP99Ms > 20) warnings.push(`${m.target}: client event loops lagged (p99 ${fmt(m.loadGenerator.loopDelayP99Ms, 1)} ms): latencies include load-generator delay`);
  if (m.hostBusyPercent > 90) warnings.push(`${m.target}: host CPU ${fmt(m.hostBusyPercent, 0)} % busy: the machine, not the server, may be the limit`);
  if (m.loadGenerator.negativeLatencies > 0) warnings.push(`${m.target}: ${m.loadGenerator.negativeLatencies} deliveries before their send time (clock skew), counted as 0 ms`);
  return warnings;
}

export const LEGEND =
  "Ratios are ours / anchor: below 1 is better for us, except rows marked ↑ (throughput), where above 1 is better.";

export function writeJson(outDir: string, startedAt: Date, payload: unknown): string {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${startedAt.toISOString().replaceAll(":", "-").replace(/\.\d+Z$/, "Z")}.json`);
  writeFileSync(file, JSON.stringify(payload, (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2) + "\n");
  return file;
}
