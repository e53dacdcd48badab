import type { EditorBridge } from "@/components/editor/editor-bridge";
import type { EditorContext } from "@/lib/ai/editor-context";
import type { MonacoEditor } from "./collab-editor";

interface Active {
  editor: MonacoEditor;
  filePath: string;
  language: string;
  canEdit: boolean;
}

const CONTENT_NOTIFY_MS = 250;

/**
 * The EditorBridge over whichever Monaco editor is open in the room. Edits go through the Monaco
 * model bound to the file's Y.Text, so collaborators see them and the user's undo covers them.
 */
export class RoomEditorBridge implements EditorBridge {
  private active: Active | null = null;
  private readonly listeners = new Set<() => void>();
  private disposers: { dispose(): void }[] = [];
  private contentTimer: ReturnType<typeof setTimeout> | undefined;

  /** Points the bridge at the open editor (or at nothing). */
  setActive(active: Active | null): void {
    for (const d of this.disposers) d.dispose();
    this.disposers = [];
    this.active = active;
    if (active) {
      this.disposers.push(
        active.editor.onDidChangeCursorSelection(() => this.notify()),
        active.editor.onDidChangeModelContent(() => {
          clearTimeout(this.contentTimer);
          this.contentTimer = setTimeout(() => this.notify(), CONTENT_NOTIFY_MS);
        }),
      );
    }
    this.notify();
  }

  setCanEdit(canEdit: boolean): void {
    if (this.active && this.active.canEdit !== canEdit) {
      this.active = { ...this.active, canEdit };
      this.notify();
    }
  }

  snapshot(): EditorContext | null {
    const active = this.active;
    const model = active?.editor.getModel();
    if (!active || !model) return null;
    const context: EditorContext = { filePath: active.filePath, language: active.language, content: model.getValue() };
    const selection = active.editor.getSelection();
    if (selection && !selection.isEmpty()) {
      const wholeLines = selection.startColumn === 1 && (selection.endColumn === 1 || selection.endColumn === model.getLineMaxColumn(selection.endLineNumber));
      const endLine = selection.endColumn === 1 && selection.endLineNumber > selection.startLineNumber ? selection.endLineNumber - 1 : selection.endLineNumber;
      context.selection = {
        startLine: selection.startLineNumber,
        endLine,
        ...(wholeLines ? {} : { text: model.getValueInRange(selection) }),
      };
    }
    return context;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  canEdit(): boolean {
    return Boolean(this.active?.canEdit && this.active.editor.getModel());
  }

  insertAtCursor(text: string): void {
    const editor = this.editable();
    const position = editor?.getPosition();
    if (!editor || !position) return;
    const range = { startLineNumber: position.lineNumber, startColumn: position.column, endLineNumber: position.lineNumber, endColumn: position.column };
    this.edit(editor, range, text);
  }

  replaceSelection(text: string): void {
    const editor = this.editable();
    const selection = editor?.getSelection();
    if (!editor || !selection) return;
    this.edit(editor, selection, text);
  }

  private editable(): MonacoEditor | null {
    return this.canEdit() ? (this.active?.editor ?? null) : null;
  }

  private edit(editor: MonacoEditor, range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }, text: string): void {
    editor.pushUndoStop();
    editor.executeEdits("assistant", [{ range, text, forceMoveMarkers: true }]);
    editor.pushUndoStop();
    editor.focus();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  dispose(): void {
    clearTimeout(this.contentTimer);
    for (const d of this.disposers) d.dispose();
    this.disposers = [];
    this.active = null;
    this.listeners.clear();
  }
}
