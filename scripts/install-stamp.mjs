// Runs after every `npm install` / `npm ci` of this project: records which lockfile the installed
// node_modules came from, so `npm start` installs again only when the lockfile changes.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const stampFile = join(root, "node_modules", ".eca-install-stamp");

export function lockHash() {
  return createHash("sha256").update(readFileSync(join(root, "package-lock.json"))).digest("hex");
}

export function installIsCurrent() {
  return existsSync(stampFile) && readFileSync(stampFile, "utf8") === lockHash();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(stampFile, lockHash());
}
