// Prepares and runs the product: config check, Prisma clients, production build, migrations, the
// preset admin, then the web app, the collab sidecar and the ingestion worker as child processes,
// restarted with backoff when they crash. SIGINT/SIGTERM are passed to the children, which close
// their database connections before exiting.
// Nothing that needs the generated Prisma clients may be imported statically here: on a clean
// clone they exist only after `prepare()`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { AppConfig } from "../lib/config";
import { loadConfigOrExit } from "../lib/config/load";
import { logger } from "../lib/observability/logger";
import { ProcessSupervisor, type ChildSpec } from "./process-supervisor";
import { BUILD_INPUTS, buildStampFile, hashSources } from "./source-hash";

const root = join(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const prepareOnly = process.argv.includes("--prepare-only");
const log = logger.child({ component: "supervisor" });
const bin = (pkg: string, file: string) => join(root, "node_modules", pkg, file);

/** `--web-script <file>` runs that Node script as the web child instead of Next (supervisor tests). */
function webScriptOption(): string | undefined {
  const at = process.argv.indexOf("--web-script");
  return at === -1 ? undefined : resolve(process.argv[at + 1] ?? "");
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
function whenChanged(stamp: string, inputs: readonly string[], step: () => void): void {
  const hash = hashSources(root, inputs);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  step();
  writeFileSync(stamp, hash);
}

function prepare(skipBuild: boolean): void {
  whenChanged(join(root, "lib/db/generated/.stamp"), ["prisma/schema.prisma", "package-lock.json"], () => {
    runStep("generate database clients", ["scripts/prisma-schemas.mjs"]);
    for (const provider of ["sqlite", "postgresql"]) {
      runStep(`prisma generate (${provider})`, [bin("prisma", "build/index.js"), "generate", "--config", `prisma/${provider}.config.ts`]);
    }
  });
  if (skipBuild) return;
  whenChanged(buildStampFile(root), BUILD_INPUTS, () => runStep("production build", [bin("next", "dist/bin/next"), "build"]));
}

/** The processes of the product; each reads the same configuration and DATA_DIR. */
function childSpecs(config: AppConfig, statusFile: string, webScript: string | undefined): ChildSpec[] {
  const { PORT, HOST, NEXTAUTH_URL } = config.env;
  const env = (service: string, extra: Record<string, string> = {}) => ({
    ...process.env,
    ...extra,
    SUPERVISOR_STATUS_FILE: statusFile,
    SERVICE_NAME: service,
  });
  const webArgs = webScript
    ? ["--import", "tsx", webScript]
    : [bin("next", "dist/bin/next"), dev ? "dev" : "start", "-p", String(PORT), "-H", HOST];
  return [
    {
      name: "web",
      args: webArgs,
      env: env("web", {
        // The real client address for rate limits: see scripts/peer-address.mjs (in NODE_OPTIONS so `next dev`'s worker gets it too).
        ...(webScript ? {} : { NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${pathToFileURL(join(root, "scripts", "peer-address.mjs")).href}`].filter(Boolean).join(" ") }),
        NEXTAUTH_SECRET: config.authSecret,
        // Without a fixed public URL, next-auth builds its URLs from the request's Host header.
        ...(NEXTAUTH_URL ? {} : { AUTH_TRUST_HOST: "true" }),
      }),
    },
    { name: "collab", args: ["--import", "tsx", join(root, "server", "main.ts")], env: env("collab") },
    { name: "ingest", args: ["--import", "tsx", join(root, "server", "ingest", "worker.ts")], env: env("ingest") },
  ];
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(log);
  const webScript = webScriptOption();
  prepare(dev || webScript !== undefined);
  if (prepareOnly) return;
  const { prepareDatabase } = await import("./prepare-database");
  await prepareDatabase(config, log);

  const statusFile = join(config.dataDir, `supervisor-${config.env.PORT}.json`);
  const supervisor = new ProcessSupervisor(childSpecs(config, statusFile, webScript), { cwd: root, statusFile, log });
  supervisor.start();
  log.info(
    { url: `http://localhost:${config.env.PORT}`, collabPort: config.env.COLLAB_PORT, dataDir: config.dataDir, db: config.db.provider },
    "started",
  );
  const stop = (signal: NodeJS.Signals) => {
    log.info({ signal }, "stopping");
    void supervisor.stop(signal).then(() => {
      log.info("all processes stopped");
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Started by start.mjs: when it dies without passing a signal on, stop rather than linger.
  process.on("disconnect", () => stop("SIGTERM"));
}

main().catch((err) => {
  log.fatal({ err }, "start-up failed");
  process.exit(1);
});
