import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { applyStateToDoc } from "./restore";
import { createFile, createFolder, deleteFile, exportFiles, fileText, findFileByPath, listFolders, moveFile, replaceFileContent } from "./room-files";

describe("applyStateToDoc", () => {
  it("turns the live files back into a version's files as new, undoable changes", () => {
    const live = new Y.Doc();
    const keep = createFile(live, "keep.ts", "line 1\nline 2\n");
    const moved = createFile(live, "moved.ts", "m");
    const gone = createFile(live, "gone.ts", "g");
    createFolder(live, "docs");
    const version = Y.encodeStateAsUpdate(live);
    const boundText = fileText(live, keep);

    replaceFileContent(live, keep, "line 1\nchanged\n");
    moveFile(live, moved, "elsewhere/moved.ts");
    deleteFile(live, gone);
    createFile(live, "new.ts", "n");
    const beforeRestore = Y.encodeStateAsUpdate(live);

    const peer = new Y.Doc();
    Y.applyUpdate(peer, beforeRestore);
    const sent: Uint8Array[] = [];
    live.on("update", (u: Uint8Array) => sent.push(u));
    expect(applyStateToDoc(live, version, "restore")).toEqual({ changed: 2, created: 1, deleted: 1 });
    expect(exportFiles(live)).toEqual([
      { path: "gone.ts", content: "g" },
      { path: "keep.ts", content: "line 1\nline 2\n" },
      { path: "moved.ts", content: "m" },
    ]);
    expect(listFolders(live)).toEqual(["docs"]);
    expect(boundText.toString()).toBe("line 1\nline 2\n");
    expect(findFileByPath(live, "moved.ts")?.id).toBe(moved);

    sent.forEach((u) => Y.applyUpdate(peer, u));
    expect(exportFiles(peer)).toEqual(exportFiles(live));
    applyStateToDoc(live, beforeRestore);
    expect(exportFiles(live).map((f) => f.path)).toEqual(["elsewhere/moved.ts", "keep.ts", "new.ts"]);
  });
});
