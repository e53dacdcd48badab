"use client";

import Editor from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import { MonacoBinding } from "y-monaco";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { useMonacoTheme } from "./use-monaco-theme";
import { editorLanguage, monaco } from "./monaco-setup";

export type MonacoEditor = monaco.editor.IStandaloneCodeEditor;

export interface CollabEditorProps {
  text: Y.Text;
  awareness: Awareness;
  language: string;
  readOnly: boolean;
  /** Undoes and redoes only this user's edits to this file; the binding is added to its tracked origins. */
  undoManager: Y.UndoManager;
  /** Called with the editor once it is bound to the shared text, and with null when it goes away. */
  onEditor(editor: MonacoEditor | null): void;
}

/** One Monaco editor bound to one file's Y.Text (remounted per file, so bindings never leak). */
export default function CollabEditor({ text, awareness, language, readOnly, undoManager, onEditor }: CollabEditorProps) {
  const theme = useMonacoTheme();
  const cleanup = useRef<(() => void) | null>(null);
  const editorRef = useRef<MonacoEditor | null>(null);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(
    () => () => {
      cleanup.current?.();
      cleanup.current = null;
    },
    [],
  );

  function mount(editor: MonacoEditor) {
    const model = editor.getModel();
    if (!model) return;
    editorRef.current = editor;
    const binding = new MonacoBinding(text, model, new Set([editor]), awareness);
    undoManager.trackedOrigins.add(binding);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => undoManager.undo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => undoManager.redo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => undoManager.redo());
    onEditor(editor);
    // Files open on a person's action (tree, tab, new file): typing goes straight in.
    editor.focus();
    cleanup.current = () => {
      onEditor(null);
      undoManager.trackedOrigins.delete(binding);
      undoManager.stopCapturing();
      binding.destroy();
      awareness.setLocalStateField("selection", null);
      editorRef.current = null;
    };
  }

  return (
    <Editor
      className="collab-editor"
      defaultValue={text.toString()}
      language={editorLanguage(language)}
      theme={theme}
      loading={<div className="editor-loading">Loading editor…</div>}
      options={{
        readOnly,
        readOnlyMessage: { value: "You are a viewer in this room: you can watch and chat, but not edit." },
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        tabSize: 2,
        renderWhitespace: "selection",
        wordWrap: "off",
      }}
      onMount={mount}
    />
  );
}
