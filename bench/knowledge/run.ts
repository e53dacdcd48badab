import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DbProvider } from "../../lib/db/target";
import { vocabulary } from "./corpus";
import { benchIngestion, type IngestResult } from "./ingest-bench";
import { benchDatabase, benchMiniSearch, loadMiniSearch, type SearchResult } from "./search-bench";

/**
 * `npm run bench:knowledge [-- --sizes 10000,50000 --providers sqlite,postgresql --queries 300 --files 20]`:
 * ingestion throughput (MB/s) for Markdown, code and PDF, then lexical search latency p50/p95 at
 * each size on SQLite FTS5 and PostgreSQL, beside an in-memory MiniSearch index over the same chunks
 * (from node_modules, or MINISEARCH_PATH). Writes results/<timestamp>.json.
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const sizes = (args.get("sizes") ?? "10000,50000").split(",").map(Number);
const providers = (args.get("providers") ?? (process.env.TEST_DATABASE_URL ? "sqlite,postgresql" : "sqlite")).split(",") as DbProvider[];
const queryCount = Number(args.get("queries") ?? 300);
const fileCount = Number(args.get("files") ?? 20);
const skipIngest = args.has("skip-ingest");
const RESULTS = fileURLToPath(new URL("./results", import.meta.url));

async function main(): Promise<void> {
  const words = vocabulary(20_000);
  const ingestion: IngestResult[] = [];
  if (!skipIngest) {
    for (const provider of providers) {
      for (const kind of ["markdown", "code", "pdf"] as const) {
        const result = await benchIngestion(kind, provider, kind === "pdf" ? Math.ceil(fileCount / 2) : fileCount, words);
        ingestion.push(result);
        console.log(`ingest ${kind.padEnd(8)} ${provider.padEnd(10)} ${result.megabytes} MB, ${result.chunks} chunks: pipeline ${result.pipelineMBs} MB/s, indexed ${result.indexedMBs} MB/s`);
      }
    }
  }
  const search: SearchResult[] = [];
  const MiniSearch = await loadMiniSearch();
  if (!MiniSearch) console.log("MiniSearch not found (install it or set MINISEARCH_PATH): anchor skipped");
  for (const size of sizes) {
    for (const provider of providers) search.push(await benchDatabase(provider, size, words, queryCount));
    if (MiniSearch) search.push(await benchMiniSearch(MiniSearch, size, words, queryCount));
    for (const r of search.filter((s) => s.chunks === size)) {
      const passages = r.passages ? `, with passages p50 ${r.passages.p50} / p95 ${r.passages.p95} ms` : "";
      console.log(`search ${String(size).padStart(6)} ${r.provider.padEnd(10)} p50 ${r.lexical.p50} ms / p95 ${r.lexical.p95} ms${passages} (load ${r.loadSeconds} s)`);
    }
  }
  mkdirSync(RESULTS, { recursive: true });
  const file = `${RESULTS}/${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ node: process.version, queries: queryCount, ingestion, search }, null, 2));
  console.log(`wrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
