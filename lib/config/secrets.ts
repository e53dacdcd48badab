import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const secretsFile = z.object({ authSecret: z.string().min(32) });

/**
 * Returns the auth secret kept in DATA_DIR/secrets.json, creating it on first use. Creation is
 * exclusive (`wx`), so two processes starting at once end up with the same secret.
 */
export function loadOrCreateAuthSecret(dataDir: string): string {
  const file = join(dataDir, "secrets.json");
  mkdirSync(dataDir, { recursive: true });
  try {
    const fresh = { authSecret: randomBytes(48).toString("base64url") };
    writeFileSync(file, JSON.stringify(fresh, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    return fresh.authSecret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const parsed = secretsFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`${file} is not a valid secrets file; delete it to generate a new one`);
  }
  return parsed.data.authSecret;
}
