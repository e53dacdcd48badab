import type { Command } from "commander";
import { usageSchema } from "../api-schemas";
import { removeStoredLogin, writeStoredLogin } from "../config-file";
import { parseServerUrl, type GlobalOptions } from "../connection";
import { CliError, EXIT } from "../exit-codes";
import { ApiClient } from "../http-client";
import { Output, type CliIo } from "../io";
import { promptSecret } from "../prompt-secret";

export function addLoginCommands(program: Command, io: CliIo): void {
  program
    .command("login")
    .description("check an API token against a server and store both for the next commands (file mode 0600)")
    .addHelpText(
      "after",
      "\nCreate a token on your profile page. Without --token it is asked for (not echoed), or read from stdin:\n  eca login --url https://eca.example.com\n  echo \"$TOKEN\" | eca login --url https://eca.example.com",
    )
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const out = new Output(io, Boolean(options.json));
      const rawUrl = options.url ?? io.env.url;
      if (rawUrl === undefined) throw new CliError(EXIT.usage, "Give the server: eca login --url URL");
      const url = parseServerUrl(rawUrl);
      const token = options.token ?? (await promptSecret(io, `API token for ${url}: `));
      if (token === "") throw new CliError(EXIT.usage, "No token given.");
      // Any scope may read its own usage: the cheapest call that proves the token works.
      await new ApiClient({ url, token, fetch: io.fetch }).json(usageSchema, "GET", "/api/v1/usage");
      await writeStoredLogin(io.env.configFile, { url, token });
      out.result({ url, configFile: io.env.configFile }, `Logged in to ${url}; the token is stored in ${io.env.configFile}.`);
    });

  program
    .command("logout")
    .description("forget the stored login (the token itself stays valid until revoked on your profile page)")
    .action(async (_options: unknown, command: Command) => {
      const out = new Output(io, Boolean(command.optsWithGlobals<GlobalOptions>().json));
      const removed = await removeStoredLogin(io.env.configFile);
      out.result(
        { removed, configFile: io.env.configFile },
        removed ? `Logged out: removed ${io.env.configFile}. Revoke the token on your profile page if it leaked.` : "Not logged in.",
      );
    });
}
