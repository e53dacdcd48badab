// Prepares and runs the product: config check, Prisma clients, production build, migrations, the
// preset admin, then the web app and the collab sidecar as child processes. SIGINT/SIGTERM
// are passed to the children, which close their database connections before exiting.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensurePresetAdmin } from "../lib/auth/users";
import { buildConfig, ConfigError, type AppConfig } from "../lib/config";
import { connectDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { logger } from "../lib/observability/logger";
import { hashSources } from "./source-hash";

const root = join(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const prepareOnly = process.argv.includes("--prepare-only");
const log = logger.child({ component: "supervisor" });
const bin = (pkg: string, file: string) => join(root, "node_modules", pkg, file);

function loadConfig(): AppConfig {
  try {
    return buildConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      log.fatal({ problems: err.problems }, err.message);
      process.exit(1);
    }
    throw err;
  }
}

function runStep(name: string, args: string[]): void {
  log.info({ step: name }, `${name}…`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    log.fatal({ step: name, status: result.status }, `${name} failed`);
    process.exit(1);
  }
  log.info({ step: name, ms: Date.now() - started }, `${name} done`);
}

/** Runs `step` only when the hash of `inputs` differs from the one recorded after its last success. */
function whenChanged(stampFile: string, inputs: string[], step: () => void): void {
  const hash = hashSources(root, inputs);
  const stamp = join(root, stampFile);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  step();
  writeFileSync(stamp, hash);
}

function prepare(): void {
  whenChanged("lib/db/generated/.stamp", ["prisma/schema.prisma", "package-lock.json"], () => {
    runStep("generate database clients", ["scripts/prisma-schemas.mjs"]);
    for (const provider of ["sqlite", "postgresql"]) {
      runStep(`prisma generate (${provider})`, [bin("prisma", "build/index.js"), "generate", "--config", `prisma/${provider}.config.ts`]);
    }
  });
  if (dev) return;
  whenChanged(
    join(process.env.NEXT_DIST_DIR || ".next", "eca-build.stamp"),
    ["app", "components", "lib", "public", "proxy.ts", "next.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"],
    () => runStep("production build", [bin("next", "dist/bin/next"), "build"]),
  );
}

async function prepareDatabase(config: AppConfig): Promise<void> {
  const applied = await applyMigrations(config.db);
  log.info({ provider: config.db.provider, applied }, "database is up to date");
  if (config.adminPreset) {
    const db = await connectDb(config.db);
    try {
      if (await ensurePresetAdmin(db, config.adminPreset)) log.info({ email: config.adminPreset.email }, "created preset admin");
    } finally {
      await db.$disconnect();
    }
  }
}

function startChild(service: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env, SERVICE_NAME: service },
  });
}

/** The processes of the product; each reads the same configuration and DATA_DIR. */
function startChildren(config: AppConfig): Map<string, ChildProcess> {
  const { PORT, HOST, NEXTAUTH_URL } = config.env;
  const web = startChild("web", [bin("next", "dist/bin/next"), dev ? "dev" : "start", "-p", String(PORT), "-H", HOST], {
    // The real client address for rate limits: see scripts/peer-address.mjs (in NODE_OPTIONS so `next dev`'s worker gets it too).
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${pathToFileURL(join(root, "scripts", "peer-address.mjs")).href}`].filter(Boolean).join(" "),
    NEXTAUTH_SECRET: config.authSecret,
    // Without a fixed public URL, next-auth builds its URLs from the request's Host header.
    ...(NEXTAUTH_URL ? {} : { AUTH_TRUST_HOST: "true" }),
  });
  const collab = startChild("collab", ["--import", "tsx", join(root, "server", "main.ts")]);
  const ingest = startChild("ingest", ["--import", "tsx", join(root, "server", "ingest", "worker.ts")]);
  return new Map([
    ["web", web],
    ["collab", collab],
    ["ingest", ingest],
  ]);
}

async function main(): Promise<void> {
  const config = loadConfig();
  prepare();
  if (prepareOnly) return;
  await prepareDatabase(config);
  const children = startChildren(config);
  log.info(
    { url: `http://localhost:${config.env.PORT}`, collabPort: config.env.COLLAB_PORT, dataDir: config.dataDir, db: config.db.provider },
    "started",
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    for (const child of children.values()) child.kill(signal);
    const force = setTimeout(() => {
      for (const child of children.values()) child.kill("SIGKILL");
    }, 10_000);
    force.unref();
    process.exitCode = exitCode;
  };
  for (const [name, child] of children) {
    child.on("exit", (code, signal) => {
      children.delete(name);
      if (!stopping) {
        log.error({ child: name, code, signal }, "process exited unexpectedly; stopping the rest");
        stop("SIGTERM", 1);
      }
      if (children.size === 0) process.exit(process.exitCode ?? 0);
    });
  }
  process.on("SIGINT", () => stop("SIGINT", 0));
  process.on("SIGTERM", () => stop("SIGTERM", 0));
}

main().catch((err) => {
  log.fatal({ err }, "start-up failed");
  process.exit(1);
});
