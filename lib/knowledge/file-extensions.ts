/** Source-code extensions and the language each is written in. */
const CODE_LANGUAGE_BY_EXTENSION = {
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  py: "python",
  pyi: "python",
  go: "go",
  rs: "rust",
  java: "java",
  c: "c",
  h: "c",
  cpp: "cpp",
  cc: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  hh: "cpp",
  cs: "csharp",
  rb: "ruby",
  php: "php",
  swift: "swift",
  kt: "kotlin",
  kts: "kotlin",
  scala: "scala",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  sql: "sql",
  css: "css",
  scss: "scss",
  vue: "vue",
  svelte: "svelte",
} as const;

export type CodeLanguage = (typeof CODE_LANGUAGE_BY_EXTENSION)[keyof typeof CODE_LANGUAGE_BY_EXTENSION];

/** Text formats other than code, by extension. */
const TEXT_KIND_BY_EXTENSION = {
  md: "markdown",
  markdown: "markdown",
  mdx: "markdown",
  txt: "text",
  text: "text",
  log: "text",
  rst: "text",
  html: "html",
  htm: "html",
  xhtml: "html",
  json: "json",
  jsonl: "json",
  yaml: "yaml",
  yml: "yaml",
  csv: "csv",
  tsv: "csv",
} as const;

export type TextKind = (typeof TEXT_KIND_BY_EXTENSION)[keyof typeof TEXT_KIND_BY_EXTENSION] | "code";

/** The lower-case extension of a file name without the dot; "" for none (also for ".env"-style names). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/** The text kind an extension announces, or undefined when it names no text format we know. */
export function textKindForExtension(extension: string): { kind: TextKind; language?: CodeLanguage } | undefined {
  if (Object.hasOwn(CODE_LANGUAGE_BY_EXTENSION, extension)) {
    return { kind: "code", language: CODE_LANGUAGE_BY_EXTENSION[extension as keyof typeof CODE_LANGUAGE_BY_EXTENSION] };
  }
  if (Object.hasOwn(TEXT_KIND_BY_EXTENSION, extension)) {
    return { kind: TEXT_KIND_BY_EXTENSION[extension as keyof typeof TEXT_KIND_BY_EXTENSION] };
  }
  return undefined;
}
