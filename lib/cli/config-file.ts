import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { CliError, EXIT } from "./exit-codes";

/** What `eca login` stores: the server and a token for it. */
const storedLoginSchema = z.object({ url: z.url(), token: z.string().min(1) });
type StoredLogin = z.infer<typeof storedLoginSchema>;

/** The stored login, or null when there is none. A damaged file is an error, not silently ignored. */
export async function readStoredLogin(file: string): Promise<StoredLogin | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(EXIT.usage, `Cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const parsed = storedLoginSchema.safeParse(data);
  if (!parsed.success) throw new CliError(EXIT.usage, `${file} is not a valid login; run \`eca login\` again or delete it.`);
  return parsed.data;
}

/**
 * Writes the login readable by its owner only: the folder 0700, the file 0600, written to a
 * temporary file first so a crash never leaves half a token, and chmod-ed because a file that
 * already existed keeps its old mode.
 */
export async function writeStoredLogin(file: string, login: StoredLogin): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/** Forgets the stored login; true when there was one. */
export async function removeStoredLogin(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}
