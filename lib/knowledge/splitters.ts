import {
  MarkdownTextSplitter,
  RecursiveCharacterTextSplitter,
  type SupportedTextSplitterLanguage,
  type TextSplitter,
} from "@langchain/textsplitters";
import type { CodeLanguage, TextStructure } from "./types";
import { countTokens } from "./token-count";

/** LangChain's separator sets for our languages; the rest split at blank lines, then lines. */
const SPLITTER_LANGUAGE: Partial<Record<CodeLanguage, SupportedTextSplitterLanguage>> = {
  typescript: "js",
  javascript: "js",
  python: "python",
  go: "go",
  rust: "rust",
  java: "java",
  csharp: "java",
  c: "cpp",
  cpp: "cpp",
  ruby: "ruby",
  php: "php",
  swift: "swift",
  scala: "scala",
  vue: "html",
  svelte: "html",
};

export interface SplitterSize {
  chunkTokens: number;
  overlapTokens: number;
}

/**
 * A recursive splitter that measures in tokens. Chunks come back trimmed but otherwise verbatim
 * (keepSeparator), which is what lets the chunker find each one's offsets in the source.
 */
export function createSplitter(
  structure: TextStructure,
  language: CodeLanguage | undefined,
  size: SplitterSize,
): TextSplitter {
  const fields = {
    chunkSize: size.chunkTokens,
    chunkOverlap: size.overlapTokens,
    keepSeparator: true,
    lengthFunction: countTokens,
  };
  if (structure === "markdown") return new MarkdownTextSplitter(fields);
  const splitterLanguage = structure === "code" && language ? SPLITTER_LANGUAGE[language] : undefined;
  if (splitterLanguage) return RecursiveCharacterTextSplitter.fromLanguage(splitterLanguage, fields);
  return new RecursiveCharacterTextSplitter(fields);
}
