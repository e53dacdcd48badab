// `npm test`: lint, import rules, type check, unit + integration tests, production build, end-to-end tests.
// Stops at the first failing stage and exits non-zero. Under CI=true the PostgreSQL and Redis
// suites must run: a missing TEST_DATABASE_URL or REDIS_URL is a failure, not a skip.
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

if (process.env.CI === "true") {
  for (const name of ["TEST_DATABASE_URL", "REDIS_URL"]) {
    if (!process.env[name]) {
      console.error(`CI=true but ${name} is not set: its test suite would be skipped.`);
      process.exit(1);
    }
  }
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", E2E_PORT: String(await freePort()) };
const stages = [
  ["generate database clients", "npm", ["run", "--silent", "db:generate"]],
  ["lint", "npx", ["eslint", "--max-warnings", "0", "."]],
  ["import rules", "npm", ["run", "--silent", "lint:imports"]],
  ["type check", "npx", ["tsc", "--noEmit"]],
  ["unit and integration tests", "npx", ["vitest", "run"]],
  ["production build", "npm", ["run", "--silent", "build"]],
  ["end-to-end tests", "npx", ["playwright", "test"]],
];

const timings = [];
for (const [name, command, args] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.log(`\nAll stages passed.\n${timings.join("\n")}`);
