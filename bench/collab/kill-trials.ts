import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { mintCollabToken } from "../../lib/collab/collab-token";
import { hasPendingChanges } from "../../lib/collab/doc-store";
import { createFile, findFileByPath, readFile } from "../../lib/collab/room-files";
import { connectDb, type Db } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { resolveDbTarget } from "../../lib/db/target";
import { DocClient } from "../../server/test-support/clients";
import { createRoomWith } from "../../server/test-support/fixtures";
import { freePort } from "../../server/test-support/sidecar-harness";
import { storedDoc } from "../../server/test-support/stored-doc";
import { Typist } from "../../server/test-support/typist";
import { waitFor } from "../../server/test-support/wait";
import { nowMs, sleep } from "./clock";
import { processCpuMs } from "./proc-stats";
import { atExit, installCleanup, launch, stopProcess, waitForOutput, type Launched } from "./processes";
import type { Scenario } from "./scenarios";
import { createOurRooms } from "./targets/our-rooms";
import { clientSpecs } from "./targets/target";
import { WorkerPool } from "./worker-pool";

/**
 * `npm run bench:collab:kill [-- --trials 20 --rooms 10 --interval 100 --nice=-10]`: kill -9 trials of one
 * sidecar (SQLite, the embedded default) under load. Load: `--rooms` rooms of 5 clients, 2 of them
 * typing every `--interval` ms, in a client worker process the whole time (its clients reconnect
 * by themselves after each restart). Each trial opens a fresh room where a writer types a marker
 * every 15 ms and an observer notes when each marker reaches it; at a random moment the sidecar
 * gets SIGKILL, both clients are dropped at once (so nothing is resent), the sidecar is restarted
 * (it replays its journal before it listens, as under the supervisor) and the database is read.
 * Every marker the observer had received more than 250 ms before the kill must be stored; the
 * stored document must have no pending structs. Prints one line per trial; exits 1 on any loss.
 * `--nice` sets the sidecar's scheduling priority, so a measurement on a shared, busy host can
 * tell the sidecar's own delays from CPU starvation (each line shows its event-loop lag).
 */
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ACK_MARGIN_MS = 250;

interface Trial {
  typed: number;
  acked: number;
  ackedLost: number;
  /** Received by the observer within the last 250 ms before the kill and not stored (allowed). */
  recentLost: number;
  pendingStructs: boolean;
  /** While the writer typed: the sidecar's CPU use (% of one core) and event-loop lag (p99, ms); the host's 1-minute load average. */
  cpuPercent: number;
  lagP99Ms: number;
  loadAverage: number;
}

async function eventLoopLagP99Ms(url: string): Promise<number> {
  const metrics = await fetch(`${url.replace("ws:", "http:")}/metrics`).then((res) => res.text(), () => "");
  const seconds = /^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(metrics)?.[1];
  return seconds ? Math.round(Number(seconds) * 1000) : NaN;
}

let starts = 0;

async function startSidecar(dataDir: string, authSecret: string, port: number, priority: number | undefined): Promise<Launched> {
  const proc = launch("sidecar", {
    args: ["server/main.ts"],
    tsx: true,
    env: { PATH: process.env.PATH, NODE_ENV: "production", LOG_LEVEL: "info", DATA_DIR: dataDir, AUTH_SECRET: authSecret, HOST: "127.0.0.1", COLLAB_PORT: String(port) },
    cwd: REPO_ROOT,
    logFile: join(dataDir, `sidecar-${++starts}.log`),
  });
  if (priority !== undefined) setPriority(proc.pid, priority);
  await waitForOutput(proc, '"msg":"collab sidecar listening"', 60_000);
  return proc;
}

async function runTrial(db: Db, authSecret: string, url: string, proc: Launched, restart: () => Promise<void>): Promise<Trial> {
  const { roomId, owner, members } = await createRoomWith(db, ["editor"]);
  const token = async (userId: string) => (await mintCollabToken(db, authSecret, { userId, roomId })).token;
  const writer = new DocClient(url, roomId, await token(owner.id));
  const observer = new DocClient(url, roomId, await token(members[1]!.id));
  await Promise.all([writer.synced(30_000), observer.synced(30_000)]);
  const fileId = createFile(writer.doc, "typing.txt", "");
  await waitFor("the observer to see the file", () => findFileByPath(observer.doc, "typing.txt"), 30_000);
  const receivedAt = new Map<string, number>();
  observer.doc.getMap<Y.Text>("texts").get(fileId)!.observe((event) => {
    const at = nowMs();
    for (const op of event.delta) if (typeof op.insert === "string") for (const marker of op.insert.match(/w\d+;/g) ?? []) receivedAt.set(marker, at);
  });
  const typist = new Typist(writer, "w", fileId, 15);
  typist.start();
  const [typingFrom, cpuFrom] = [nowMs(), processCpuMs(proc.pid) ?? 0];
  await sleep(1_500 + Math.random() * 1_500);
  const lagP99Ms = await eventLoopLagP99Ms(url);
  const cpuPercent = (100 * ((processCpuMs(proc.pid) ?? 0) - cpuFrom)) / (nowMs() - typingFrom);
  const killedAt = nowMs();
  await new Promise<void>((resolve) => {
    proc.child.once("exit", () => resolve());
    proc.child.kill("SIGKILL");
  });
  typist.stop();
  writer.destroy();
  observer.destroy();
  // As the supervisor would: the restarted sidecar replays its journal before it listens.
  await restart();

  const doc = await storedDoc(db, roomId);
  const file = findFileByPath(doc, "typing.txt");
  const stored = new Set(file ? (readFile(doc, file.id).match(/w\d+;/g) ?? []) : []);
  const acked = [...receivedAt].filter(([, at]) => at <= killedAt - ACK_MARGIN_MS).map(([marker]) => marker);
  const recent = [...receivedAt].filter(([, at]) => at > killedAt - ACK_MARGIN_MS).map(([marker]) => marker);
  return {
    typed: typist.typed.length,
    acked: acked.length,
    ackedLost: acked.filter((m) => !stored.has(m)).length,
    recentLost: recent.filter((m) => !stored.has(m)).length,
    pendingStructs: hasPendingChanges(doc),
    cpuPercent,
    lagP99Ms,
    loadAverage: loadavg()[0]!,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { trials: { type: "string", default: "20" }, rooms: { type: "string", default: "10" }, interval: { type: "string", default: "100" }, nice: { type: "string" } },
  });
  const trials = Number(values.trials);
  const priority = values.nice === undefined ? undefined : Number(values.nice);
  const load: Scenario = { id: "kill-load", title: "background load", rooms: Number(values.rooms), clientsPerRoom: 5, writersPerRoom: 2, intervalMs: Number(values.interval) };
  installCleanup();
  const dataDir = mkdtempSync(join(tmpdir(), "eca-bench-kill-"));
  atExit(() => rmSync(dataDir, { recursive: true, force: true }));
  const authSecret = randomBytes(48).toString("base64url");
  const target = resolveDbTarget(undefined, dataDir);
  await applyMigrations(target);
  const db = await connectDb(target);
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  let proc = await startSidecar(dataDir, authSecret, port, priority);
  const pool = WorkerPool.start(1, { cwd: REPO_ROOT });
  const results: Trial[] = [];
  try {
    await pool.connect(Math.floor(nowMs()), clientSpecs(load, url, await createOurRooms(db, authSecret, load)), 60_000);
    await pool.prepare(60_000);
    pool.broadcast({ type: "start", window: { start: 0, end: 24 * 3600_000 } });
    console.log(`SQLite, one sidecar, load: ${load.rooms} rooms × ${load.writersPerRoom} writers every ${load.intervalMs} ms (+ ${load.clientsPerRoom - load.writersPerRoom} readers each)`);
    for (let i = 1; i <= trials; i++) {
      const running = proc;
      const restart = async () => {
        proc = await startSidecar(dataDir, authSecret, port, priority);
      };
      const trial = await runTrial(db, authSecret, url, running, restart).catch((err: unknown) => {
        throw new Error(`trial ${i} failed: ${String(err)}\nsidecar log:\n${proc.output().slice(-3000)}`);
      });
      results.push(trial);
      console.log(
        `trial ${String(i).padStart(2)}: typed ${trial.typed}, acknowledged >${ACK_MARGIN_MS} ms before the kill ${trial.acked}, ` +
          `of those lost ${trial.ackedLost}; lost from the last ${ACK_MARGIN_MS} ms ${trial.recentLost}; pending structs ${trial.pendingStructs ? "YES" : "no"}; ` +
          `sidecar CPU ${Math.round(trial.cpuPercent)} %, loop lag p99 ${trial.lagP99Ms} ms, load average ${trial.loadAverage.toFixed(1)}`,
      );
    }
  } finally {
    await pool.reset().catch(() => undefined);
    await pool.stop();
    await stopProcess(proc, 5_000);
    await db.$disconnect();
  }
  const failed = results.filter((t) => t.ackedLost > 0 || t.pendingStructs).length;
  const lost = results.map((t) => t.ackedLost);
  console.log(`${results.length} trials: acknowledged tokens lost per trial ${lost.join(", ")}; ${failed} trial(s) failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
