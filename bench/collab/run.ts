import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { nowMs } from "./clock";
import { measure, type TargetResult, type Timing } from "./measure";
import { parseOptions, USAGE, type BenchOptions } from "./options";
import { cpuPlan, installCleanup, killAllNow, type CpuPlan } from "./processes";
import { formatScenario, LEGEND, ratiosOf, writeJson, type ScenarioReport } from "./report";
import { describe, selectScenarios, type Scenario } from "./scenarios";
import { startAnchor } from "./targets/anchor";
import { startOurs } from "./targets/ours";
import type { TargetName, TargetOptions } from "./targets/target";
import { WorkerPool } from "./worker-pool";

/**
 * `npm run bench:collab`: runs every selected scenario against our sidecar and against the anchor
 * (@y/websocket-server) in the same run, prints a table per scenario and writes the results as JSON.
 */
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL("./results", import.meta.url));

const starters: Record<TargetName, (s: Scenario, o: TargetOptions) => ReturnType<typeof startOurs>> = { ours: startOurs, anchor: startAnchor };

async function runTarget(name: TargetName, scenario: Scenario, pool: WorkerPool, plan: CpuPlan, timing: Timing): Promise<TargetResult> {
  process.stdout.write(`   ${name}: starting… `);
  const started = nowMs();
  const took = () => `${((nowMs() - started) / 1000).toFixed(1)} s`;
  let target;
  try {
    target = await starters[name](scenario, { cwd: REPO_ROOT, cpus: plan.server });
    const result = await measure(scenario, target, pool, timing);
    console.log(`p50 ${result.latencyMs.p50.toFixed(2)} ms, p99 ${result.latencyMs.p99.toFixed(2)} ms, ${Math.round(result.deliveredPerSec)} deliveries/s (${took()})`);
    return result;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.log(`FAILED after ${took()}: ${error.split("\n")[0]}`);
    return { target: name, ok: false, error };
  } finally {
    await pool.reset().catch(() => undefined);
    await target?.stop().catch((err: unknown) => console.error(`   could not stop ${name}: ${String(err)}`));
  }
}

async function main(options: BenchOptions): Promise<number> {
  const startedAt = new Date();
  const scenarios = selectScenarios(options.scenarios, options.quick, options.intervals);
  const plan = cpuPlan(options.pin);
  const timing: Timing = {
    epochMs: Math.floor(nowMs()),
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    drainMs: options.drainMs,
    settleMs: options.quick ? 400 : 1_000,
    phaseTimeoutMs: 120_000,
  };
  const machine = { cpus: availableParallelism(), model: cpus()[0]?.model ?? "unknown", memoryGb: totalmem() / 2 ** 30, loadavgAtStart: loadavg(), node: process.version };
  console.log(`collab benchmark${options.quick ? " (quick)" : ""}: ${scenarios.map((s) => s.id).join(", ")} × ${options.targets.join(", ")}`);
  console.log(`machine: ${machine.cpus} × ${machine.model}, load average ${machine.loadavgAtStart.map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`cpus: ${plan.description}; ${options.workers} client processes; warm-up ${options.warmupMs / 1000} s, window ${options.durationMs / 1000} s, drain ${options.drainMs / 1000} s`);

  let pool = WorkerPool.start(options.workers, { cwd: REPO_ROOT, cpus: plan.clients });
  const reports: ScenarioReport[] = [];
  try {
    for (const [i, scenario] of scenarios.entries()) {
      console.log(`\n${scenario.id}: ${describe(scenario)}`);
      // Alternate which server goes first, so neither always gets the cooler machine.
      const order = i % 2 === 0 ? options.targets : [...options.targets].reverse();
      const results: TargetResult[] = [];
      for (const name of order) {
        const result = await runTarget(name, scenario, pool, plan, timing);
        results.push(result);
        if (!result.ok) {
          // A failure can leave clients behind in the workers: start with fresh ones.
          await pool.stop();
          pool = WorkerPool.start(options.workers, { cwd: REPO_ROOT, cpus: plan.clients });
        }
      }
      const report: ScenarioReport = { scenario, results, ratios: ratiosOf(results) };
      reports.push(report);
      console.log(formatScenario(report));
    }
  } finally {
    await pool.stop();
  }
  console.log(`\n${LEGEND}`);
  const file = writeJson(options.outDir, startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    clock: "performance.timeOrigin + performance.now() in every process (wall clock, sub-ms)",
    options,
    cpuPlan: plan,
    machine,
    scenarios: reports,
  });
  console.log(`results: ${file}`);
  return reports.every((r) => r.results.every((t) => t.ok)) ? 0 : 1;
}

installCleanup();
let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2), process.env, RESULTS_DIR);
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
setTimeout(() => {
  console.error(`\nthe benchmark exceeded its ${options.timeoutMinutes} minute limit: stopping every process`);
  killAllNow();
  process.exit(3);
}, options.timeoutMinutes * 60_000).unref();

main(options)
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
