import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthReport } from "../lib/observability/health";
import { readProcessStatus } from "../lib/observability/process-status";
import { freePort } from "../server/test-support/sidecar-harness";
import { BUILD_INPUTS, buildStampFile, hashSources } from "./source-hash";

// The real supervisor on a temporary DATA_DIR (SQLite): each child is killed with SIGKILL in turn
// and the app must answer healthy again; SIGTERM must leave no process of its group behind.
// The web child is `next start` when a production build of the current sources exists (CI moves
// one in), otherwise a stand-in that answers /api/health from the same checks.

const root = join(import.meta.dirname, "..");
const RECOVERY_LIMIT_MS = 120_000;

function currentBuildExists(): boolean {
  const stamp = buildStampFile(root);
  return existsSync(stamp) && readFileSync(stamp, "utf8") === hashSources(root, BUILD_INPUTS);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = RECOVERY_LIMIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("supervisor", () => {
  const realWeb = currentBuildExists();
  const dataDir = mkdtempSync(join(tmpdir(), "eca-supervisor-data-"));
  let port: number;
  let supervisor: ChildProcess;
  let output = "";

  const health = async (): Promise<HealthReport | undefined> => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) });
      return (await response.json()) as HealthReport;
    } catch {
      return undefined;
    }
  };
  const healthy = async () => ((await health())?.status === "ok" ? true : undefined);
  const status = () => readProcessStatus(join(dataDir, `supervisor-${port}.json`));

  beforeAll(async () => {
    port = await freePort();
    const args = ["--import", "tsx", "scripts/supervisor.ts", ...(realWeb ? [] : ["--web-script", "scripts/test-support/stand-in-web.ts"])];
    supervisor = spawn(process.execPath, args, {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
        DATA_DIR: dataDir,
        // Empty, as .env.example has them: they mean the embedded defaults (SQLite, no Redis).
        DATABASE_URL: "",
        REDIS_URL: "",
        PORT: String(port),
        COLLAB_PORT: String(await freePort()),
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
      },
    });
    const collect = (chunk: Buffer) => (output += chunk.toString());
    supervisor.stdout?.on("data", collect);
    supervisor.stderr?.on("data", collect);
    const started = Date.now();
    await waitFor(healthy, "the first healthy answer");
    console.log(`supervisor test: web is ${realWeb ? "next start (current build)" : "the stand-in"}; healthy after ${Date.now() - started} ms`);
  }, 240_000);

  afterAll(() => {
    if (supervisor.pid && groupAlive(supervisor.pid)) process.kill(-supervisor.pid, "SIGKILL");
  });

  it.each(["collab", "ingest", "web"])(
    "restarts %s after kill -9 and answers healthy again",
    async (name) => {
      const before = status()!.children[name]!;
      expect(before.state).toBe("running");
      const killedAt = Date.now();
      process.kill(before.pid!, "SIGKILL");
      const seen = new Set<string>();
      await waitFor(async () => {
        const report = await health();
        if (report) seen.add(report.status);
        const after = status()?.children[name];
        return report?.status === "ok" && after?.state === "running" && after.pid !== before.pid ? true : undefined;
      }, `${name} to be back`);
      const after = status()!.children[name]!;
      console.log(`supervisor test: ${name} healthy again ${Date.now() - killedAt} ms after kill -9 (health answers seen: ${[...seen].join(", ") || "none"})`);
      expect(after.restarts).toBe(before.restarts + 1);
      if (name === "collab") expect(seen).toContain("degraded");
      expect(output).toContain(`"child":"${name}"`);
    },
    RECOVERY_LIMIT_MS + 10_000,
  );

  it("stops every process on SIGTERM, even with a child in its restart backoff", async () => {
    const collab = status()!.children.collab!;
    process.kill(collab.pid!, "SIGKILL");
    await waitFor(async () => (status()?.children.collab?.state === "restarting" ? true : undefined), "collab to be restarting", 10_000);
    const exited = new Promise<number | null>((resolve) => supervisor.once("exit", (code) => resolve(code)));
    supervisor.kill("SIGTERM");
    expect(await exited).toBe(0);
    await waitFor(async () => (groupAlive(supervisor.pid!) ? undefined : true), "the process group to be empty", 15_000);
    expect(status()).toBeUndefined();
    expect(output).not.toMatch(/"level":60/);
  }, 30_000);
});
