/** Monaco language ids by file extension (lower case, without the dot). */
const BY_EXTENSION: Record<string, string> = {
  ts: "typescript", tsx: "typescript", mts: "typescript", cts: "typescript",
  js: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript",
  json: "json", jsonc: "json",
  md: "markdown", markdown: "markdown", mdx: "markdown",
  html: "html", htm: "html",
  css: "css", scss: "scss", less: "less",
  py: "python", pyi: "python",
  go: "go", rs: "rust", java: "java", kt: "kotlin", kts: "kotlin", scala: "scala",
  c: "c", h: "c", cpp: "cpp", cc: "cpp", cxx: "cpp", hpp: "cpp", hh: "cpp",
  cs: "csharp", fs: "fsharp", swift: "swift", dart: "dart", rb: "ruby", php: "php", lua: "lua", r: "r",
  sh: "shell", bash: "shell", zsh: "shell", ps1: "powershell",
  yml: "yaml", yaml: "yaml", xml: "xml", svg: "xml", toml: "ini", ini: "ini", env: "ini",
  sql: "sql", graphql: "graphql", gql: "graphql", proto: "protobuf", sol: "sol",
};

/** Monaco language ids for whole file names that carry no telling extension. */
const BY_NAME: Record<string, string> = {
  dockerfile: "dockerfile",
  makefile: "plaintext",
  ".gitignore": "plaintext",
  ".env": "ini",
};

/** The Monaco language id for a path; "plaintext" when unknown. */
export function languageForPath(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const byName = BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return "plaintext";
  return BY_EXTENSION[name.slice(dot + 1)] ?? "plaintext";
}
