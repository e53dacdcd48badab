// The one start command. Installs dependencies when they are missing or stale, then hands over to
// the supervisor (TypeScript, run through tsx), which validates the configuration, builds when the
// sources changed, migrates the database and runs the web app and the collab sidecar.
// Only Node's standard library may be used here: node_modules may not exist yet.
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installIsCurrent } from "./install-stamp.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

if (!installIsCurrent()) {
  console.log(JSON.stringify({ level: "info", msg: "installing dependencies (npm ci); the first time takes a few minutes" }));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed; see the output above");
    process.exit(result.status ?? 1);
  }
}

const supervisor = spawn(
  process.execPath,
  ["--import", "tsx", join(root, "scripts", "supervisor.ts"), ...process.argv.slice(2)],
  // The IPC channel tells the supervisor when this process is gone, however it went.
  { cwd: root, stdio: ["inherit", "inherit", "inherit", "ipc"], env: { NEXT_TELEMETRY_DISABLED: "1", SERVICE_NAME: "supervisor", ...process.env } },
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => supervisor.kill(signal));
}
supervisor.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
