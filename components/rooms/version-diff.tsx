"use client";

import { DiffEditor } from "@monaco-editor/react";
import { useMonacoTheme } from "./use-monaco-theme";
import { editorLanguage } from "./monaco-setup";

interface Props {
  /** The file as the version holds it (left). */
  saved: string;
  /** The file as it is now (right); empty when it no longer exists. */
  current: string;
  language: string;
}

/** A read-only side-by-side diff of a saved version against the room's current file. */
export default function VersionDiff({ saved, current, language }: Props) {
  const theme = useMonacoTheme();
  return (
    <DiffEditor
      className="version-diff"
      original={saved}
      modified={current}
      language={editorLanguage(language)}
      theme={theme}
      loading={<div className="editor-loading">Loading changes…</div>}
      options={{
        readOnly: true,
        originalEditable: false,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        renderSideBySide: true,
      }}
    />
  );
}
