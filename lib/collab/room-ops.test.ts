import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createFile, fileText, findFileByPath, readFile } from "./room-files";
import { applyFileOp, fileOpGrowth } from "./room-ops";

function docWith(path: string, content: string): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  return { doc, id: createFile(doc, path, content) };
}

describe("applyFileOp", () => {
  it("creates, rewrites with one minimal transaction, and leaves identical content alone", () => {
    const { doc, id } = docWith("src/a.ts", "let x = 1;\nlet y = 2;\n");
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const tail = Y.createRelativePositionFromTypeIndex(fileText(doc, id), 15);
    expect(applyFileOp(doc, { op: "write", path: "./src/a.ts", content: "let x = 10;\nlet y = 2;\n" }, "api")).toEqual({
      path: "src/a.ts",
      created: false,
      changed: true,
    });
    expect(origins).toEqual(["api"]);
    expect(Y.createAbsolutePositionFromRelativePosition(tail, doc)?.index).toBe(16);
    expect(applyFileOp(doc, { op: "write", path: "src/a.ts", content: "let x = 10;\nlet y = 2;\n" }, "api").changed).toBe(false);
    expect(origins).toHaveLength(1);
    expect(applyFileOp(doc, { op: "write", path: "b.md", content: "# B" }, "api")).toEqual({ path: "b.md", created: true, changed: true });
    expect(readFile(doc, findFileByPath(doc, "b.md")!.id)).toBe("# B");
  });

  it("moves and deletes files, refusing missing ones and taken paths", () => {
    const { doc, id } = docWith("a.ts", "a");
    createFile(doc, "b.ts", "b");
    expect(applyFileOp(doc, { op: "move", path: "a.ts", to: "lib/a.ts" }, "api")).toEqual({ path: "lib/a.ts", changed: true });
    expect(findFileByPath(doc, "lib/a.ts")?.id).toBe(id);
    expect(() => applyFileOp(doc, { op: "move", path: "lib/a.ts", to: "b.ts" }, "api")).toThrow(expect.objectContaining({ code: "CONFLICT" }));
    expect(() => applyFileOp(doc, { op: "delete", path: "nope.ts" }, "api")).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(applyFileOp(doc, { op: "delete", path: "b.ts" }, "api")).toEqual({ path: "b.ts", changed: true });
    expect(findFileByPath(doc, "b.ts")).toBeUndefined();
  });
});

describe("fileOpGrowth", () => {
  it("counts only the inserted range of a rewrite, and the whole content of a new file", () => {
    const { doc } = docWith("a.ts", "x".repeat(1000));
    expect(fileOpGrowth(doc, { op: "write", path: "a.ts", content: `${"x".repeat(1000)}yy` })).toEqual({ fileChars: 1002, bytes: 2 + 64 });
    expect(fileOpGrowth(doc, { op: "write", path: "new.ts", content: "é".repeat(10) }).bytes).toBe(20 + "new.ts".length + 128);
    expect(fileOpGrowth(doc, { op: "delete", path: "a.ts" })).toEqual({ fileChars: 0, bytes: 0 });
  });
});
