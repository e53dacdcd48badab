import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UsageEventSink } from "../../lib/analytics/usage-events";
import type { TestDatabase } from "../../lib/db/test-database";
import type { DbTarget } from "../../lib/db/target";
import { logger } from "../../lib/observability/logger";
import { startSidecar, type Sidecar } from "../sidecar";
import type { SidecarLimits, SidecarTiming } from "../sidecar-options";
import { TEST_AUTH_SECRET } from "./fixtures";

const TEST_LIMITS: SidecarLimits = { maxMessageBytes: 256 * 1024, maxMessagesPerSecond: 500, maxConnectionsPerUser: 20, maxRoomBytes: 50 * 1024 * 1024 };
const FAST_TIMING: Partial<SidecarTiming> = { idleUnloadMs: 200, membershipCheckMs: 250, presenceRefreshMs: 1_000 };

const testLog = logger.child({ component: "test-sidecar" }, { level: process.env.TEST_LOG_LEVEL ?? "silent" });

export interface RunningSidecar {
  sidecar: Sidecar;
  url: string;
}

/** A sidecar in this process on a free port. */
export async function startTestSidecar(
  t: TestDatabase,
  options: { limits?: Partial<SidecarLimits>; timing?: Partial<SidecarTiming>; redisUrl?: string; redisChannelPrefix?: string; usage?: UsageEventSink } = {},
): Promise<RunningSidecar> {
  const sidecar = await startSidecar({
    db: t.db,
    authSecret: TEST_AUTH_SECRET,
    port: 0,
    host: "127.0.0.1",
    limits: { ...TEST_LIMITS, ...options.limits },
    timing: { ...FAST_TIMING, ...options.timing },
    redisUrl: options.redisUrl,
    redisChannelPrefix: options.redisChannelPrefix,
    usage: options.usage ?? null,
    log: testLog,
    version: "test",
  });
  return { sidecar, url: `ws://127.0.0.1:${sidecar.port}` };
}

function databaseUrlOf(target: DbTarget): string {
  if (target.provider === "sqlite" || !target.schema) return target.url;
  const url = new URL(target.url);
  url.searchParams.set("schema", target.schema);
  return url.toString();
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The real sidecar entry point (`node --import tsx server/main.ts`) as a child process on a fixed port. */
export class SidecarProcess {
  private child: ChildProcess | undefined;
  private output = "";

  constructor(
    private readonly target: DbTarget,
    readonly port: number,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrlOf(this.target),
      AUTH_SECRET: TEST_AUTH_SECRET,
      COLLAB_PORT: String(this.port),
      HOST: "127.0.0.1",
      COLLAB_MAX_MESSAGE_BYTES: String(TEST_LIMITS.maxMessageBytes),
      COLLAB_MAX_MESSAGES_PER_SECOND: String(TEST_LIMITS.maxMessagesPerSecond),
      LOG_LEVEL: "info",
      DATA_DIR: join(tmpdir(), "eca-test-sidecar"),
      ...this.extraEnv,
    };
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    this.output = "";
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.includes('"msg":"collab sidecar listening"')) resolve();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`sidecar exited with ${code} before listening:\n${this.output}`)));
      setTimeout(() => reject(new Error(`sidecar did not start:\n${this.output}`)), 30_000).unref();
    });
  }

  /** SIGKILL: no flush, no goodbye. */
  async kill9(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** SIGTERM; resolves with the exit code. */
  async terminate(): Promise<number | null> {
    return this.signal("SIGTERM");
  }

  get log(): string {
    return this.output;
  }

  private signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? null);
    return new Promise((resolve) => {
      child.once("exit", (code) => resolve(code));
      child.kill(signal);
    });
  }
}
