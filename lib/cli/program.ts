import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { addChatCommand } from "./commands/chat";
import { addLoginCommands } from "./commands/login";
import { addRoomsCommands } from "./commands/rooms";
import { addSearchCommand } from "./commands/search";
import { addUploadCommand } from "./commands/upload";
import { addUsageCommand } from "./commands/usage";
import { CliError, EXIT, EXIT_CODES_HELP } from "./exit-codes";
import type { CliIo } from "./io";

/** The `eca` command tree, writing to `io` and never exiting the process itself. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("eca")
    .version(cliVersion(), "-V, --version", "print the version of eca")
    .description("Elite Coding Assistant from the command line: chat, knowledge, rooms and usage over the REST API v1.")
    .option("--url <url>", "server URL (else ECA_URL, else the stored login)")
    .option("--token <token>", "API token (else ECA_TOKEN, else the stored login)")
    .option("--json", "print results as JSON, for scripts")
    .option("--debug", "print stack traces of unexpected errors")
    .addHelpText("after", `\n${EXIT_CODES_HELP}\n\nMore: docs/cli.md`)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  // Subcommands copy these settings when created, so they come after the configuration above.
  addLoginCommands(program, io);
  addChatCommand(program, io);
  addUploadCommand(program, io);
  addSearchCommand(program, io);
  addRoomsCommands(program, io);
  addUsageCommand(program, io);
  return program;
}

/** This repository's version (the CLI ships with the server it talks to). */
function cliVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return typeof manifest === "object" && manifest !== null && "version" in manifest ? String(manifest.version) : "unknown";
}

/** Runs the CLI on `args` (without node and the script) and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...args], { from: "user" });
    return EXIT.ok;
  } catch (err) {
    // Commander has printed its own message (or the help, which exits 0).
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof CliError) {
      io.stderr.write(`eca: ${err.message}\n`);
      return err.exitCode;
    }
    const debug = args.includes("--debug");
    io.stderr.write(`eca: ${debug && err instanceof Error ? (err.stack ?? err.message) : err instanceof Error ? err.message : String(err)}\n`);
    if (!debug) io.stderr.write("eca: run again with --debug for details.\n");
    return EXIT.server;
  }
}
