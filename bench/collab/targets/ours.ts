import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDb } from "../../../lib/db/client";
import { applyMigrations } from "../../../lib/db/migrate";
import { resolveDbTarget } from "../../../lib/db/target";
import { freePort } from "../../../server/test-support/sidecar-harness";
import { nowMs } from "../clock";
import { atExit, launch, stopProcess, waitForOutput, type Launched } from "../processes";
import type { Scenario } from "../scenarios";
import { createOurRooms } from "./our-rooms";
import { clientSpecs, type RunningTarget, type TargetOptions } from "./target";

/**
 * Our sidecar as production runs it: `node --import tsx server/main.ts`, its own process, a fresh
 * SQLite database in a new DATA_DIR (migrated first), auth and persistence on, default limits.
 */
export async function startOurs(scenario: Scenario, options: TargetOptions): Promise<RunningTarget> {
  const started = nowMs();
  const dataDir = mkdtempSync(join(tmpdir(), "eca-bench-collab-"));
  const authSecret = randomBytes(48).toString("base64url");
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  const forget = atExit(removeDir);
  const cleanDir = () => {
    forget();
    removeDir();
  };
  let proc: Launched | undefined;
  try {
    const target = resolveDbTarget(undefined, dataDir);
    await applyMigrations(target);
    const db = await connectDb(target);
    const rooms = await createOurRooms(db, authSecret, scenario).finally(() => db.$disconnect());
    const port = await freePort();
    proc = launch("our sidecar", {
      args: ["server/main.ts"],
      tsx: true,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        LOG_LEVEL: "info",
        DATA_DIR: dataDir,
        AUTH_SECRET: authSecret,
        HOST: "127.0.0.1",
        COLLAB_PORT: String(port),
      },
      cwd: options.cwd,
      cpus: options.cpus,
      logFile: join(dataDir, "sidecar.log"),
    });
    await waitForOutput(proc, '"msg":"collab sidecar listening"', 60_000);
    const running = proc;
    return {
      name: "ours",
      pid: running.pid,
      clients: clientSpecs(scenario, `ws://127.0.0.1:${port}`, rooms),
      setupMs: nowMs() - started,
      async stop() {
        await stopProcess(running, 15_000);
        cleanDir();
      },
    };
  } catch (err) {
    if (proc) await stopProcess(proc, 2_000);
    cleanDir();
    throw err;
  }
}
