import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { CliError, EXIT } from "./exit-codes";

export interface LocalFile {
  /** Where it is on disk. */
  absolutePath: string;
  /** Its name relative to the folder walked, with forward slashes ("src/index.ts"). */
  relativePath: string;
  sizeBytes: number;
}

/** Hidden files and folders, and dependencies, are never sent. */
function isSkippedName(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

/** Every regular file under `root`, sorted, skipping dotfiles, node_modules and symbolic links. */
export async function walkFiles(root: string): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  async function visit(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (isSkippedName(entry.name)) continue;
      const absolutePath = join(dir, entry.name);
      if (entry.isDirectory()) await visit(absolutePath);
      else if (entry.isFile()) {
        const { size } = await stat(absolutePath);
        files.push({ absolutePath, relativePath: relative(root, absolutePath).split(sep).join("/"), sizeBytes: size });
      }
    }
  }
  await visit(root);
  return files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}

/**
 * The files named on the command line: a file as itself, a folder as its files under the folder's
 * own name ("docs/intro.md", as a folder dropped on the knowledge page is named).
 */
export async function collectUploads(paths: readonly string[]): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new CliError(EXIT.usage, `${path}: no such file or folder.`);
    }
    const name = basename(resolve(path));
    if (info.isDirectory()) {
      for (const file of await walkFiles(path)) files.push({ ...file, relativePath: `${name}/${file.relativePath}` });
    } else if (info.isFile()) {
      files.push({ absolutePath: path, relativePath: name, sizeBytes: info.size });
    } else {
      throw new CliError(EXIT.usage, `${path} is neither a file nor a folder.`);
    }
  }
  return files;
}

/** A file's text, or null when it is not UTF-8 text (binary files do not belong in a room). */
export async function readTextFile(path: string): Promise<string | null> {
  const bytes = await readFile(path);
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Where a room file goes under `dir`; a path with empty, "." or ".." parts, or a backslash, is refused. */
export function localPathIn(dir: string, roomPath: string): string {
  const segments = roomPath.split("/");
  if (roomPath.includes("\\") || segments.some((s) => s === "" || s === "." || s === "..")) {
    throw new CliError(EXIT.server, `The server sent a file path that could leave the folder: ${JSON.stringify(roomPath)}.`);
  }
  return join(resolve(dir), ...segments);
}
