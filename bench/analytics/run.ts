import { fileURLToPath } from "node:url";
import { mkdirSync, writeFileSync } from "node:fs";
import { CHARTS, CHART_NAMES } from "../../lib/analytics/charts";
import type { Source } from "../../lib/analytics/queries/base";
import { exactLatencyByModel } from "../../lib/analytics/queries/exact-latency";
import { runRollup } from "../../lib/analytics/rollup";
import { resolveRange, type AnalyticsFilter } from "../../lib/analytics/scope";
import { createTestDatabase } from "../../lib/db/test-database";
import type { DbProvider } from "../../lib/db/target";
import { queryFns } from "./queries";
import { seedEvents } from "./seed";

/**
 * `npm run bench:analytics [-- --events 1000000,10000000 --providers sqlite,postgresql --runs 20 --raw-runs 3]`:
 * seeds a fresh database per size and provider (a temp SQLite file; a fresh PostgreSQL schema of
 * TEST_DATABASE_URL), rolls it up, then times every dashboard query from the rollup and from raw
 * events (the anchor) and prints p95 per chart, range and scope with the raw/rollup ratio.
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const sizes = (args.get("events") ?? "1000000").split(",").map(Number);
const providers = (args.get("providers") ?? (process.env.TEST_DATABASE_URL ? "sqlite,postgresql" : "sqlite")).split(",") as DbProvider[];
const runs = Number(args.get("runs") ?? 20);
const rawRuns = Number(args.get("raw-runs") ?? 3);
const ranges = (args.get("ranges") ?? "24h,7d,30d,90d").split(",") as ("24h" | "7d" | "30d" | "90d")[];
/**
 * The dashboard's scopes (`--scopes everyone,user,room,model`), on seeded ids: user-7 wrote no
 * feedback comments (a comments query that scans reads all its events), room-8 is the busiest room.
 */
const SCOPES: Record<string, { label: string; filter: Partial<AnalyticsFilter> }> = {
  everyone: { label: "everyone", filter: {} },
  user: { label: "one user", filter: { userId: "user-7" } },
  room: { label: "one room", filter: { roomId: "room-8" } },
  model: { label: "one model", filter: { model: "openai:gpt-4o" } },
};
const scopes = (args.get("scopes") ?? Object.keys(SCOPES).join(",")).split(",").map((s) => SCOPES[s]!);
const RESULTS = fileURLToPath(new URL("./results", import.meta.url));

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!;
}

async function time(fn: () => Promise<unknown>, n: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return p95(samples);
}

interface Row { provider: string; events: number; range: string; scope: string; chart: string; rollupP95: number; rawP95: number | null }

async function benchOne(provider: DbProvider, events: number, now: Date): Promise<Row[]> {
  const t = await createTestDatabase(provider);
  const rows: Row[] = [];
  try {
    let started = performance.now();
    await seedEvents(t.db, events, 90, now, (done) => process.stdout.write(`\r  ${provider} ${events}: seeded ${done}`));
    console.log(` in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    const rolled = await runRollup(t.db, { batchSize: 50_000 });
    const rollupS = (performance.now() - started) / 1000;
    console.log(`  rollup: ${rolled.events} events in ${rollupS.toFixed(1)} s (${Math.round(rolled.events / rollupS)} events/s)`);
    // Fresh planner statistics, as autovacuum/ANALYZE would have them on a live database.
    await t.db.$executeRawUnsafe("ANALYZE");
    const rollupRows = await t.db.usageRollup.count();
    const binRows = await t.db.usageLatencyBin.count();
    console.log(`  rollup rows ${rollupRows}, latency bin rows ${binRows}`);
    for (const range of ranges) {
      for (const { label: scope, filter } of scopes) {
        const f: AnalyticsFilter = { ...resolveRange({ range }, now), ...filter };
        for (const chart of CHART_NAMES) {
          const run = (source: Source) => queryFns[chart](t.db, f, source);
          const rollupP95 = await time(() => run("rollup"), runs);
          const rawP95 = chart === "feedback-comments" || rawRuns === 0 ? null : await time(() => (chart === "latency" ? exactLatencyByModel(t.db, f) : run("raw")), rawRuns);
          rows.push({ provider, events, range, scope, chart, rollupP95, rawP95 });
          console.log(`  ${range.padEnd(4)} ${scope.padEnd(9)} ${chart.padEnd(19)} rollup p95 ${rollupP95.toFixed(1).padStart(7)} ms   raw p95 ${rawP95 === null ? "      —" : rawP95.toFixed(1).padStart(8)} ms   ${rawP95 === null ? "" : `×${(rawP95 / rollupP95).toFixed(1)}`}`);
        }
      }
    }
    return rows;
  } finally {
    await t.dispose();
  }
}

const now = new Date();
const all: Row[] = [];
console.log(`bench:analytics — charts: ${Object.keys(CHARTS).length}, rollup runs ${runs}, raw runs ${rawRuns}`);
for (const events of sizes) {
  for (const provider of providers) {
    console.log(`\n${provider}, ${events.toLocaleString("en-US")} events over 90 days`);
    all.push(...(await benchOne(provider, events, now)));
  }
}
const worst = all.reduce((m, r) => (r.events === 1_000_000 ? Math.max(m, r.rollupP95) : m), 0);
console.log(`\nworst rollup p95 at 1M events: ${worst.toFixed(1)} ms (aim < 100 ms)`);
mkdirSync(RESULTS, { recursive: true });
const file = `${RESULTS}/${now.toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ at: now.toISOString(), runs, rawRuns, rows: all }, null, 2));
console.log(`results: ${file}`);
