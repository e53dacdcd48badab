import { describe, expect, it } from "vitest";
import type { MonacoEditor } from "./collab-editor";
import { RoomEditorBridge } from "./room-editor-bridge";

interface Range {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** A stand-in for a Monaco editor over a text model: just what the bridge uses. */
function fakeEditor(initial: string, selection: Range) {
  let text = initial;
  const lines = () => text.split("\n");
  const offset = (line: number, column: number) => lines().slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const model = {
    getValue: () => text,
    getLineMaxColumn: (line: number) => lines()[line - 1]!.length + 1,
    getValueInRange: (r: Range) => text.slice(offset(r.startLineNumber, r.startColumn), offset(r.endLineNumber, r.endColumn)),
  };
  const editor = {
    getModel: () => model,
    getSelection: () => ({ ...selection, isEmpty: () => selection.startLineNumber === selection.endLineNumber && selection.startColumn === selection.endColumn }),
    getPosition: () => ({ lineNumber: selection.startLineNumber, column: selection.startColumn }),
    executeEdits: (_source: string, edits: { range: Range; text: string }[]) => {
      for (const edit of edits) text = text.slice(0, offset(edit.range.startLineNumber, edit.range.startColumn)) + edit.text + text.slice(offset(edit.range.endLineNumber, edit.range.endColumn));
      return true;
    },
    pushUndoStop: () => true,
    focus: () => undefined,
    onDidChangeCursorSelection: () => ({ dispose: () => undefined }),
    onDidChangeModelContent: () => ({ dispose: () => undefined }),
  };
  return { editor: editor as unknown as MonacoEditor, text: () => text };
}

const at = (startLineNumber: number, startColumn: number, endLineNumber = startLineNumber, endColumn = startColumn) => ({
  startLineNumber,
  startColumn,
  endLineNumber,
  endColumn,
});

describe("RoomEditorBridge", () => {
  it("has no snapshot and refuses edits with nothing open", () => {
    const bridge = new RoomEditorBridge();
    expect(bridge.snapshot()).toBeNull();
    expect(bridge.canEdit()).toBe(false);
  });

  it("reports the file and a partial selection with its text, lines 1-based", () => {
    const bridge = new RoomEditorBridge();
    const { editor } = fakeEditor("one\ntwo three\nfour", at(2, 5, 2, 10));
    bridge.setActive({ editor, filePath: "src/a.ts", language: "typescript", canEdit: true });
    expect(bridge.snapshot()).toEqual({
      filePath: "src/a.ts",
      language: "typescript",
      content: "one\ntwo three\nfour",
      selection: { startLine: 2, endLine: 2, text: "three" },
    });
  });

  it("reports whole selected lines without text, not counting a trailing line start", () => {
    const bridge = new RoomEditorBridge();
    const { editor } = fakeEditor("one\ntwo\nthree", at(1, 1, 3, 1));
    bridge.setActive({ editor, filePath: "a.py", language: "python", canEdit: true });
    expect(bridge.snapshot()?.selection).toEqual({ startLine: 1, endLine: 2 });
  });

  it("inserts at the cursor and replaces the selection through the editor, only when editing is allowed", () => {
    const bridge = new RoomEditorBridge();
    const insert = fakeEditor("ab", at(1, 2));
    bridge.setActive({ editor: insert.editor, filePath: "x.ts", language: "typescript", canEdit: true });
    bridge.insertAtCursor("X");
    expect(insert.text()).toBe("aXb");

    const replace = fakeEditor("hello world", at(1, 7, 1, 12));
    bridge.setActive({ editor: replace.editor, filePath: "x.ts", language: "typescript", canEdit: true });
    bridge.replaceSelection("there");
    expect(replace.text()).toBe("hello there");

    bridge.setCanEdit(false);
    bridge.replaceSelection("nobody");
    expect(replace.text()).toBe("hello there");
  });

  it("tells subscribers when the open file changes", () => {
    const bridge = new RoomEditorBridge();
    let calls = 0;
    const off = bridge.subscribe(() => calls++);
    bridge.setActive({ editor: fakeEditor("", at(1, 1)).editor, filePath: "a", language: "plaintext", canEdit: true });
    bridge.setActive(null);
    off();
    bridge.setActive(null);
    expect(calls).toBe(2);
  });
});
