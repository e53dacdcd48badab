import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import type { EnvSource } from "./errors";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** The variables the `eca` command-line tool reads; each can also come from a flag or the stored login. */
const cliEnvSchema = z.object({
  ECA_URL: optionalText,
  ECA_TOKEN: optionalText,
  XDG_CONFIG_HOME: optionalText,
});

export interface CliEnv {
  url?: string;
  token?: string;
  /** Where `eca login` keeps `{url, token}`: $XDG_CONFIG_HOME/eca/config.json, else ~/.config/eca/config.json. */
  configFile: string;
}

/** Never fails: a malformed value is checked where it is used (the URL by the CLI's own parser). */
export function cliEnv(source: EnvSource = process.env): CliEnv {
  const env = cliEnvSchema.parse({ ECA_URL: source.ECA_URL, ECA_TOKEN: source.ECA_TOKEN, XDG_CONFIG_HOME: source.XDG_CONFIG_HOME });
  const configHome = env.XDG_CONFIG_HOME ?? join(homedir(), ".config");
  return { url: env.ECA_URL, token: env.ECA_TOKEN, configFile: join(configHome, "eca", "config.json") };
}
