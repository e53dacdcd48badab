import { parseArgs } from "node:util";
import type { IntervalOverrides } from "./scenarios";
import { TARGET_NAMES, type TargetName } from "./targets/target";

export interface BenchOptions {
  quick: boolean;
  scenarios: string[] | null;
  targets: TargetName[];
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  intervals: IntervalOverrides;
  workers: number;
  pin: boolean;
  outDir: string;
  timeoutMinutes: number;
  help: boolean;
}

export const USAGE = `Usage: node --import tsx bench/collab/run.ts [options]   (npm run bench:collab -- [options])

  --quick                 smaller rooms, 1 s warm-up, 2 s windows: a smoke check (~1 minute)
  --scenarios a,b         1w1r, 200w, 100x10, 1500obs (default: all)
  --targets a,b           ours, anchor (default: both)
  --duration <s>          measurement window per scenario and server (default 15; quick 2)
  --warmup <s>            typing before the window, not measured (default 5; quick 1)
  --drain <s>             wait for late deliveries after the window (default 2; quick 0.5)
  --interval <ms>         per-writer insert interval for every scenario, or per scenario:
                          --interval 200w=1000,1500obs=50 (defaults: 2000 ms for 200w, else 100 ms)
  --workers <n>           client processes (default 2)
  --no-pin                do not pin server / clients to separate CPUs with taskset
  --out <dir>             where the JSON goes (default bench/collab/results)
  --timeout-minutes <n>   hard limit for the whole run (default 20; quick 4)

Every option can also be set as BENCH_COLLAB_<NAME>, e.g. BENCH_COLLAB_SCENARIOS=1w1r,200w,
BENCH_COLLAB_QUICK=1, BENCH_COLLAB_PIN=0. Flags win over the environment.`;

const truthy = (v: string | undefined) => v !== undefined && ["1", "true", "yes"].includes(v.toLowerCase());

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

function intervals(raw: string | undefined): IntervalOverrides {
  const result: IntervalOverrides = { byId: {} };
  for (const item of list(raw) ?? []) {
    const [id, ms] = item.includes("=") ? item.split("=", 2) : [undefined, item];
    const value = positive("interval", ms, 100);
    if (id) result.byId[id.trim()] = value;
    else result.all = value;
  }
  return result;
}

function list(raw: string | undefined): string[] | null {
  if (!raw) return null;
  const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
  return items.length ? items : null;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, defaultOutDir: string): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: "boolean" },
      scenarios: { type: "string" },
      targets: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      drain: { type: "string" },
      interval: { type: "string" },
      workers: { type: "string" },
      "no-pin": { type: "boolean" },
      out: { type: "string" },
      "timeout-minutes": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const pick = (name: string, flag: string | undefined) => flag ?? env[`BENCH_COLLAB_${name.toUpperCase().replaceAll("-", "_")}`];
  const quick = values.quick ?? truthy(env.BENCH_COLLAB_QUICK);
  const targets = (list(pick("targets", values.targets)) ?? TARGET_NAMES) as TargetName[];
  const badTarget = targets.find((t) => !TARGET_NAMES.includes(t));
  if (badTarget) throw new Error(`unknown target "${badTarget}" (known: ${TARGET_NAMES.join(", ")})`);
  return {
    quick,
    scenarios: list(pick("scenarios", values.scenarios)),
    targets,
    warmupMs: positive("warmup", pick("warmup", values.warmup), quick ? 1 : 5) * 1000,
    durationMs: positive("duration", pick("duration", values.duration), quick ? 2 : 15) * 1000,
    drainMs: positive("drain", pick("drain", values.drain), quick ? 0.5 : 2) * 1000,
    intervals: intervals(pick("interval", values.interval)),
    workers: Math.round(positive("workers", pick("workers", values.workers), 2)),
    pin: values["no-pin"] ? false : env.BENCH_COLLAB_PIN === undefined || truthy(env.BENCH_COLLAB_PIN),
    outDir: pick("out", values.out) ?? defaultOutDir,
    timeoutMinutes: positive("timeout-minutes", pick("timeout-minutes", values["timeout-minutes"]), quick ? 4 : 20),
    help: values.help ?? false,
  };
}
