import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { AppError } from "../errors/app-error";
import { normalizePath } from "./file-paths";
import { languageForPath } from "./languages";
import {
  createFile,
  createFolder,
  deleteFile,
  deleteFolder,
  exportFiles,
  fileText,
  FILES_KEY,
  findFileByPath,
  listFiles,
  listFolders,
  moveFile,
  moveFolder,
  readFile,
  renameFile,
  renameFolder,
  replaceFileContent,
} from "./room-files";
import { decodeTextFile, looksBinary } from "./text-content";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : "not an AppError";
  }
  return undefined;
}

describe("paths", () => {
  it("normalises and refuses unsafe paths", () => {
    expect(normalizePath(" ./src/x.ts ")).toBe("src/x.ts");
    expect(normalizePath("/a/b/")).toBe("a/b");
    for (const bad of ["", "..", "a/../b", "a//b", "a\\b", "con:fig", "a/\u0000", " a/ b", "x".repeat(300)]) {
      expect(code(() => normalizePath(bad)), bad).toBe("VALIDATION_FAILED");
    }
  });

  it("maps extensions and names to Monaco languages", () => {
    expect(languageForPath("src/App.TSX")).toBe("typescript");
    expect(languageForPath("main.py")).toBe("python");
    expect(languageForPath("Dockerfile")).toBe("dockerfile");
    expect(languageForPath(".gitignore")).toBe("plaintext");
    expect(languageForPath("notes")).toBe("plaintext");
    expect(languageForPath("weird.xyz")).toBe("plaintext");
  });
});

describe("binary content", () => {
  it("recognises binary text and refuses binary uploads", () => {
    expect(looksBinary("plain\ttext\r\n")).toBe(false);
    expect(looksBinary("nul\u0000inside")).toBe(true);
    expect(looksBinary("\u0001\u0002\u0003abc")).toBe(true);
    expect(decodeTextFile(new TextEncoder().encode("\uFEFFhé"))).toBe("hé");
    expect(code(() => decodeTextFile(new Uint8Array([0xff, 0xfe, 0x00, 0x41])))).toBe("VALIDATION_FAILED");
    expect(code(() => decodeTextFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])))).toBe("VALIDATION_FAILED");
  });
});

describe("room files in a Y.Doc", () => {
  it("creates, lists, reads and edits files with languages", () => {
    const doc = new Y.Doc();
    const id = createFile(doc, "src/index.ts", "let x = 1;");
    createFile(doc, "README.md");
    expect(listFiles(doc).map((f) => [f.path, f.language, f.length])).toEqual([
      ["README.md", "markdown", 0],
      ["src/index.ts", "typescript", 10],
    ]);
    expect(listFolders(doc)).toEqual(["src"]);
    replaceFileContent(doc, id, "let x = 2;");
    expect(readFile(doc, id)).toBe("let x = 2;");
    expect(fileText(doc, id)).toBeInstanceOf(Y.Text);
    expect(code(() => createFile(doc, "src/index.ts"))).toBe("CONFLICT");
    expect(code(() => createFile(doc, "src"))).toBe("CONFLICT");
    expect(code(() => createFile(doc, "README.md/inner.ts"))).toBe("CONFLICT");
    expect(code(() => createFile(doc, "bin.dat", "\u0000\u0001"))).toBe("VALIDATION_FAILED");
    expect(code(() => readFile(doc, "missing"))).toBe("NOT_FOUND");
  });

  it("keeps a file's text identity through renames and moves, so concurrent edits survive", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = createFile(a, "old.ts", "hello");
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const text = fileText(a, id);
    renameFile(a, id, "new.ts");
    moveFile(a, id, "lib/new.ts");
    fileText(b, id).insert(5, " world");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(text.toString()).toBe("hello world");
    expect(findFileByPath(a, "lib/new.ts")?.id).toBe(id);
    expect(findFileByPath(a, "old.ts")).toBeUndefined();
  });

  it("creates, moves, renames and deletes folders with their contents", () => {
    const doc = new Y.Doc();
    createFolder(doc, "empty");
    createFile(doc, "app/ui/button.tsx", "b");
    createFile(doc, "app/main.ts", "m");
    createFolder(doc, "app/assets");
    expect(listFolders(doc)).toEqual(["app", "app/assets", "app/ui", "empty"]);
    moveFolder(doc, "app", "web/app");
    expect(listFiles(doc).map((f) => f.path)).toEqual(["web/app/main.ts", "web/app/ui/button.tsx"]);
    expect(listFolders(doc)).toContain("web/app/assets");
    renameFolder(doc, "web/app/ui", "components");
    expect(listFiles(doc).map((f) => f.path)).toContain("web/app/components/button.tsx");
    expect(code(() => moveFolder(doc, "web", "web/inner"))).toBe("VALIDATION_FAILED");
    deleteFolder(doc, "web/app");
    expect(listFiles(doc)).toEqual([]);
    expect(listFolders(doc)).toEqual(["empty", "web"]);
    expect(code(() => deleteFolder(doc, "nope"))).toBe("NOT_FOUND");
  });

  it("exports unique, clean paths even when clients collided or wrote junk", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createFile(a, "same.ts", "from a");
    createFile(b, "same.ts", "from b");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    a.transact(() => {
      a.getMap<Y.Text>("texts").set("evil", new Y.Text("zip slip"));
      a.getMap<string>(FILES_KEY).set("evil", "../../etc/passwd");
    });
    const exported = exportFiles(a);
    expect(exported.map((f) => f.path).sort()).toEqual(["same (2).ts", "same.ts"]);
    expect(exported.map((f) => f.content).sort()).toEqual(["from a", "from b"]);
    const id = listFiles(a)[0]!.id;
    deleteFile(a, id);
    expect(listFiles(a)).toHaveLength(1);
  });
});
