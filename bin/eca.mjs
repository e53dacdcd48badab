#!/usr/bin/env node
// The `eca` command. Plain JavaScript that loads tsx (a dependency already), so the CLI's
// TypeScript in lib/cli runs as-is with no build step and shares the project's type check and lint.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
const [{ runCli }, { cliEnv }] = await Promise.all([import("../lib/cli/program.ts"), import("../lib/config/cli-env.ts")]);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: cliEnv(),
});
