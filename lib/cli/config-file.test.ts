import { mkdtemp, mkdir, readFile, stat, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { readStoredLogin, removeStoredLogin, writeStoredLogin } from "./config-file";
import { CliError } from "./exit-codes";

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe("stored login", () => {
  let home: string;
  let file: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), "eca-config-"));
    file = join(home, "eca", "config.json");
  });

  it("is written readable by its owner only: folder 0700, file 0600", async () => {
    await writeStoredLogin(file, { url: "https://eca.example.com", token: "eca_secret" });
    expect(await mode(join(home, "eca"))).toBe(0o700);
    expect(await mode(file)).toBe(0o600);
    expect(await readStoredLogin(file)).toEqual({ url: "https://eca.example.com", token: "eca_secret" });
  });

  it("tightens a folder and file that existed with looser modes", async () => {
    await mkdir(join(home, "eca"), { mode: 0o755 });
    await writeFile(file, "{}", { mode: 0o644 });
    await chmod(join(home, "eca"), 0o755);
    await writeStoredLogin(file, { url: "http://127.0.0.1:3000", token: "eca_other" });
    expect(await mode(join(home, "eca"))).toBe(0o700);
    expect(await mode(file)).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8")).token).toBe("eca_other");
  });

  it("is null when missing, an error when damaged, and removed by logout", async () => {
    expect(await readStoredLogin(file)).toBeNull();
    await mkdir(join(home, "eca"));
    await writeFile(file, '{"url": "not a url", "token": ""}');
    await expect(readStoredLogin(file)).rejects.toBeInstanceOf(CliError);
    expect(await removeStoredLogin(file)).toBe(true);
    expect(await removeStoredLogin(file)).toBe(false);
  });
});
