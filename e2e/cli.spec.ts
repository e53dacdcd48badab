import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { register, uniqueAccount } from "./helpers";

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/eca.mjs …` as a user would, with its own config folder and no ECA_* from outside. */
function eca(configHome: string, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/eca.mjs", ...args],
      { env: { ...process.env, XDG_CONFIG_HOME: configHome, ECA_URL: "", ECA_TOKEN: "" }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

test("cli: login, rooms push/pull round trip, upload, search, chat, usage, exit codes", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await register(page, uniqueAccount("Shell"));
  const created = await page.request.post("/api/v1/tokens", {
    data: { name: "cli", scopes: ["chat", "knowledge:read", "knowledge:write", "rooms:read", "rooms:write"], expiresInDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { token, id: tokenId } = await created.json();
  const work = await mkdtemp(join(tmpdir(), "eca-cli-e2e-"));
  const home = join(work, "config");
  const run = (...args: string[]) => eca(home, args);

  const login = await run("login", "--url", baseURL!, "--token", token);
  expect(login, login.stderr).toMatchObject({ code: 0 });
  expect((await stat(join(home, "eca", "config.json"))).mode & 0o777).toBe(0o600);

  const roomName = `CLI room ${Date.now().toString(36)}`;
  const room = await page.request.post("/api/v1/rooms", { headers: { authorization: `Bearer ${token}` }, data: { name: roomName } });
  expect(room.status()).toBe(201);
  const listed = await run("--json", "rooms", "list");
  expect(JSON.parse(listed.stdout).items.map((r: { name: string }) => r.name)).toContain(roomName);

  // Push a folder (dotfiles and node_modules stay home), pull it elsewhere, change both sides, sync again.
  const source = join(work, "source");
  await mkdir(join(source, "src"), { recursive: true });
  await mkdir(join(source, "node_modules", "dep"), { recursive: true });
  await writeFile(join(source, "src", "main.ts"), "export const answer = 42;\n");
  await writeFile(join(source, "README.md"), "# CLI room\n");
  await writeFile(join(source, ".env"), "SECRET=1\n");
  await writeFile(join(source, "node_modules", "dep", "index.js"), "module.exports = 1;\n");
  const pushed = await run("rooms", "push", source, roomName);
  expect(pushed, pushed.stderr).toMatchObject({ code: 0 });
  expect(pushed.stdout).toContain("+ README.md (created)\n+ src/main.ts (created)\n2 created, 0 updated, 0 unchanged");

  const copy = join(work, "copy");
  const pulled = await run("rooms", "pull", roomName, copy);
  expect(pulled.stdout).toContain("2 created, 0 changed, 0 unchanged");
  expect(await readFile(join(copy, "src", "main.ts"), "utf8")).toBe("export const answer = 42;\n");

  await writeFile(join(source, "src", "main.ts"), "export const answer = 43;\n");
  await rm(join(source, "README.md"));
  const plan = await run("rooms", "push", source, roomName, "--delete", "--dry-run");
  expect(plan.stdout).toContain("Dry run, nothing changed:\n- README.md (deleted)\n~ src/main.ts (updated)\n0 created, 1 updated, 1 deleted, 0 unchanged");
  expect((await run("rooms", "push", source, roomName, "--delete")).code).toBe(0);
  const repull = JSON.parse((await run("--json", "rooms", "pull", roomName, copy)).stdout);
  expect(repull.steps).toEqual([{ path: "src/main.ts", action: "update" }]);
  expect(await readFile(join(copy, "src", "main.ts"), "utf8")).toBe("export const answer = 43;\n");

  // Knowledge: upload and wait for ingestion, find it, and get it cited in a streamed answer.
  const doc = join(work, "zebracorn-handbook.md");
  await writeFile(doc, "# Zebracorns\n\nA zebracorn is the release mascot; the zebracorn deploys on Fridays.\n");
  const uploaded = await run("upload", doc, "--wait");
  expect(uploaded, uploaded.stderr).toMatchObject({ code: 0 });
  expect(uploaded.stdout).toContain("1 of 1 files uploaded");
  const found = JSON.parse((await run("--json", "search", "zebracorn", "--limit", "3")).stdout);
  expect(found.items[0].citation.documentName).toBe("zebracorn-handbook.md");
  const chat = await run("chat", "When does the zebracorn deploy?");
  expect(chat, chat.stderr).toMatchObject({ code: 0 });
  expect(chat.stdout).toContain("When does the zebracorn deploy?");
  expect(chat.stdout).toMatch(/Sources:\n {2}\[1\] zebracorn-handbook\.md/);
  const usage = JSON.parse((await run("--json", "usage")).stdout);
  expect(usage.turns).toBeGreaterThanOrEqual(1);

  // Exit codes: not found, a bad flag, a bogus token, and the stored token once revoked.
  expect((await run("rooms", "pull", "no such room", copy)).code).toBe(3);
  expect((await run("search", "x", "--limit", "many")).code).toBe(1);
  const bogus = await run("--token", "eca_bogus", "usage");
  expect(bogus.code).toBe(2);
  expect(bogus.stderr).toMatch(/^eca: .+\n$/);
  expect((await page.request.delete(`/api/v1/tokens/${tokenId}`)).status()).toBe(204);
  const revoked = await run("usage");
  expect(revoked.code).toBe(2);
  expect(revoked.stderr).not.toContain("    at ");
  await rm(work, { recursive: true, force: true });
});
