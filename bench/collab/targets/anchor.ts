import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "../../../server/test-support/sidecar-harness";
import { nowMs } from "../clock";
import { atExit, launch, stopProcess, waitForOutput } from "../processes";
import type { Scenario } from "../scenarios";
import { clientSpecs, type RunningTarget, type TargetOptions } from "./target";

/** The server script of @y/websocket-server, found through its package.json `bin`. */
function anchorServerScript(): string {
  const packageJson = createRequire(import.meta.url).resolve("@y/websocket-server/package.json");
  const bin = (JSON.parse(readFileSync(packageJson, "utf8")) as { bin: Record<string, string> }).bin["y-websocket-server"];
  if (!bin) throw new Error("@y/websocket-server has no y-websocket-server bin");
  return join(dirname(packageJson), bin);
}

/**
 * The anchor: `@y/websocket-server` started with its own bin, as documented: no auth, no
 * persistence (YPERSISTENCE unset), no callback (CALLBACK_URL unset), documents only in memory.
 */
export async function startAnchor(scenario: Scenario, options: TargetOptions): Promise<RunningTarget> {
  const started = nowMs();
  const port = await freePort();
  const logDir = mkdtempSync(join(tmpdir(), "eca-bench-anchor-"));
  const removeDir = () => rmSync(logDir, { recursive: true, force: true });
  const forget = atExit(removeDir);
  const cleanDir = () => {
    forget();
    removeDir();
  };
  const proc = launch("anchor (@y/websocket-server)", {
    args: [anchorServerScript()],
    tsx: false,
    env: { PATH: process.env.PATH, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port) },
    cwd: options.cwd,
    cpus: options.cpus,
    logFile: join(logDir, "anchor.log"),
  });
  try {
    await waitForOutput(proc, "running at", 30_000);
  } catch (err) {
    await stopProcess(proc, 2_000);
    cleanDir();
    throw err;
  }
  const rooms = Array.from({ length: scenario.rooms }, (_, r) => ({ room: `bench-${scenario.id}-${r}`, tokens: [] }));
  return {
    name: "anchor",
    pid: proc.pid,
    clients: clientSpecs(scenario, `ws://127.0.0.1:${port}`, rooms),
    setupMs: nowMs() - started,
    async stop() {
      await stopProcess(proc, 5_000);
      cleanDir();
    },
  };
}
