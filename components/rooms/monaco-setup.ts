"use client";

/**
 * Monaco from the local package (never a CDN), with only the languages rooms support. Imported
 * only through next/dynamic (ssr: false), so none of it is in the room page's first load.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/definitions/python/register";
import "monaco-editor/languages/definitions/go/register";
import "monaco-editor/languages/definitions/rust/register";
import "monaco-editor/languages/definitions/java/register";
import "monaco-editor/languages/definitions/cpp/register";
import "monaco-editor/languages/definitions/yaml/register";
import "monaco-editor/languages/definitions/markdown/register";
import "monaco-editor/languages/definitions/html/register";
import "monaco-editor/languages/definitions/css/register";
import "monaco-editor/languages/definitions/sql/register";
import "monaco-editor/languages/definitions/shell/register";
import "monaco-editor/languages/features/json/register";
// editor.api leaves out the icon font (editor.main and the suggest widget bring it); without it the
// diff gutter and widgets draw empty boxes.
import "monaco-editor/features/codicon/register";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === "json") {
      return new Worker(new URL("monaco-editor/language/json/json.worker", import.meta.url), { type: "module" });
    }
    return new Worker(new URL("monaco-editor/editor/editor.worker", import.meta.url), { type: "module" });
  },
};

loader.config({ monaco });

/** Languages with highlighting loaded; anything else opens as plain text. */
const LOADED = new Set(["typescript", "javascript", "python", "go", "rust", "java", "c", "cpp", "yaml", "markdown", "html", "css", "sql", "shell", "json"]);

export function editorLanguage(language: string): string {
  return LOADED.has(language) ? language : "plaintext";
}

export { monaco };
