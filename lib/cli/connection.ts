import { z } from "zod";
import { readStoredLogin } from "./config-file";
import { CliError, EXIT } from "./exit-codes";
import { ApiClient } from "./http-client";
import type { CliIo } from "./io";

/** The options every command takes. */
export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
  debug?: boolean;
}

const serverUrlSchema = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

/** The server's base URL, without a trailing slash. */
export function parseServerUrl(raw: string): string {
  const parsed = serverUrlSchema.safeParse(raw.trim());
  if (!parsed.success) throw new CliError(EXIT.usage, `--url ${JSON.stringify(raw)} ${parsed.error.issues[0]?.message ?? "is not a URL"}.`);
  return parsed.data.replace(/\/+$/, "");
}

/** Server and token: from the flags, else ECA_URL/ECA_TOKEN, else the login stored by `eca login`. */
export async function resolveCredentials(io: CliIo, options: GlobalOptions): Promise<{ url: string; token: string }> {
  let url = options.url ?? io.env.url;
  let token = options.token ?? io.env.token;
  if (url === undefined || token === undefined) {
    const stored = await readStoredLogin(io.env.configFile);
    // A stored token belongs to its server: it is never sent to another URL.
    if (stored && (url === undefined || parseServerUrl(url) === parseServerUrl(stored.url))) {
      url ??= stored.url;
      token ??= stored.token;
    }
  }
  if (url === undefined) throw new CliError(EXIT.auth, "Not logged in: run `eca login --url URL`, or pass --url and --token (or set ECA_URL and ECA_TOKEN).");
  if (token === undefined) throw new CliError(EXIT.auth, `No API token for ${url}: run \`eca login --url ${url}\`, or pass --token (or set ECA_TOKEN).`);
  return { url: parseServerUrl(url), token };
}

export async function connect(io: CliIo, options: GlobalOptions): Promise<ApiClient> {
  const { url, token } = await resolveCredentials(io, options);
  const onRateLimitWait = (seconds: number) => {
    if (!options.json) io.stderr.write(`Rate limited by ${url}; retrying in ${seconds} s.\n`);
  };
  return new ApiClient({ url, token, fetch: io.fetch, onRateLimitWait });
}
