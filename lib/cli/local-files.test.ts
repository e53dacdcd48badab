import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "./exit-codes";
import { collectUploads, localPathIn, readTextFile, walkFiles } from "./local-files";

describe("local files", () => {
  it("walks folders recursively, skipping dotfiles and node_modules, and names uploads under the folder", async () => {
    const root = await mkdtemp(join(tmpdir(), "eca-walk-"));
    const docs = join(root, "docs");
    for (const dir of ["guide", ".git", "node_modules/pkg"]) await mkdir(join(docs, dir), { recursive: true });
    for (const file of ["a.md", "guide/b.md", ".env", ".git/config", "node_modules/pkg/index.js"]) await writeFile(join(docs, file), "x");
    expect((await walkFiles(docs)).map((f) => f.relativePath)).toEqual(["a.md", "guide/b.md"]);
    await writeFile(join(root, "single.txt"), "hello");
    const uploads = await collectUploads([docs, join(root, "single.txt")]);
    expect(uploads.map((f) => [f.relativePath, f.sizeBytes])).toEqual([["docs/a.md", 1], ["docs/guide/b.md", 1], ["single.txt", 5]]);
    await expect(collectUploads([join(root, "missing")])).rejects.toMatchObject({ exitCode: 1 });
  });

  it("reads UTF-8 text and refuses binary", async () => {
    const root = await mkdtemp(join(tmpdir(), "eca-text-"));
    await writeFile(join(root, "t.txt"), "héllo");
    await writeFile(join(root, "b.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]));
    await writeFile(join(root, "latin1.txt"), Buffer.from([0x68, 0xe9]));
    expect(await readTextFile(join(root, "t.txt"))).toBe("héllo");
    expect(await readTextFile(join(root, "b.bin"))).toBeNull();
    expect(await readTextFile(join(root, "latin1.txt"))).toBeNull();
  });

  it("never places a room file outside the target folder", () => {
    expect(localPathIn("/tmp/out", "src/a.ts")).toBe("/tmp/out/src/a.ts");
    for (const bad of ["../escape", "a/../../b", "/etc/passwd", "a\\b"]) {
      expect(() => localPathIn("/tmp/out", bad)).toThrow(CliError);
    }
  });
});
