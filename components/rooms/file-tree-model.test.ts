import { describe, expect, it } from "vitest";
import type { RoomFile } from "@/lib/collab/room-files";
import { dropPath, treeRows } from "./file-tree-model";

const files: RoomFile[] = [
  { id: "1", path: "src/app.ts", language: "typescript", length: 0 },
  { id: "2", path: "src/lib/util.ts", language: "typescript", length: 0 },
  { id: "3", path: "README.md", language: "markdown", length: 0 },
];
const folders = ["src", "src/lib"];

describe("treeRows", () => {
  it("lists folders before files, each followed by its contents", () => {
    expect(treeRows(folders, files).map((r) => (r.kind === "folder" ? `${r.path}/` : r.file.path))).toEqual([
      "src/",
      "src/lib/",
      "src/lib/util.ts",
      "src/app.ts",
      "README.md",
    ]);
  });

  it("leaves out what a collapsed folder holds", () => {
    const rows = treeRows(folders, files, new Set(["src"]));
    expect(rows.map((r) => (r.kind === "folder" ? `${r.path}/` : r.file.path))).toEqual(["src/", "README.md"]);
    expect(rows[0]).toMatchObject({ kind: "folder", collapsed: true });
  });
});

describe("dropPath", () => {
  it("moves a file into a folder or to the top level under the same name", () => {
    expect(dropPath({ kind: "file", id: "3", path: "README.md" }, "src/lib")).toBe("src/lib/README.md");
    expect(dropPath({ kind: "file", id: "2", path: "src/lib/util.ts" }, "")).toBe("util.ts");
  });

  it("refuses drops that change nothing or put a folder inside itself", () => {
    expect(dropPath({ kind: "file", id: "1", path: "src/app.ts" }, "src")).toBeNull();
    expect(dropPath({ kind: "folder", path: "src" }, "src/lib")).toBeNull();
    expect(dropPath({ kind: "folder", path: "src" }, "src")).toBeNull();
    expect(dropPath({ kind: "folder", path: "src/lib" }, "")).toBe("lib");
  });
});
