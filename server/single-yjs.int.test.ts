import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

// Two copies of yjs in one process break its instanceof checks; yjs then prints "Yjs was already
// imported" on stderr. Each process must load exactly one.
describe("one copy of yjs per process", () => {
  it("the sidecar's module graph, as `npm start` runs it, loads yjs once", () => {
    const script = [
      'await import("./server/sidecar.ts");',
      'await import("./lib/collab/room-export.ts");',
      'await import("./lib/collab/restore.ts");',
      'await import("y-protocols/awareness");',
    ].join("\n");
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain("already imported");
  });

  it("the web server keeps yjs and its helpers external, so its bundle layers share one copy", async () => {
    const nextConfig = ((await import(pathToFileURL(join(root, "next.config.mjs")).href)) as { default: NextConfig }).default;
    expect(nextConfig.serverExternalPackages).toEqual(expect.arrayContaining(["yjs", "y-protocols", "lib0"]));
  });
});
