// The one start command. Installs dependencies when they are missing or stale, then hands over to
// the supervisor (TypeScript, run through tsx), which validates the configuration, builds when the
// sources changed, migrates the database and runs the web app and the collab sidecar.
// Only Node's standard library may be used here: node_modules may not exist yet.
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function lockHash() {
  const lock = join(root, "package-lock.json");
  return createHash("sha256").update(readFileSync(lock)).digest("hex");
}

function ensureDependencies() {
  const stamp = join(root, "node_modules", ".eca-install-stamp");
  const wanted = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return;
  console.log(JSON.stringify({ level: "info", msg: "installing dependencies (npm ci); the first time takes a few minutes" }));
  const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed; see the output above");
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, wanted);
}

ensureDependencies();

const supervisor = spawn(
  process.execPath,
  ["--import", "tsx", join(root, "scripts", "supervisor.ts"), ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => supervisor.kill(signal));
}
supervisor.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
