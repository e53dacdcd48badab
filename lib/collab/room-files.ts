import * as Y from "yjs";
import { AppError } from "../errors/app-error";
import { ancestorFolders, baseName, isWithin, joinPath, normalizePath, parentPath } from "./file-paths";
import { languageForPath } from "./languages";
import { assertEditableText } from "./text-content";

/**
 * The layout of a room's Y.Doc:
 * - `files`   Y.Map<string>  file id → path
 * - `texts`   Y.Map<Y.Text>  file id → content
 * - `folders` Y.Map<true>    explicit folder path → true (so empty folders exist)
 *
 * Paths live apart from contents so renaming or moving a file only rewrites one map entry: the
 * Y.Text keeps its identity, edits made during a rename are kept, and editors bound to it stay bound.
 * Paths come from clients, so readers skip any that do not normalise (never trust them as file names).
 */
export const FILES_KEY = "files";
export const TEXTS_KEY = "texts";
export const FOLDERS_KEY = "folders";

export interface RoomFile {
  id: string;
  path: string;
  language: string;
  /** Length in UTF-16 code units. */
  length: number;
}

export interface FileContent {
  path: string;
  content: string;
}

function maps(doc: Y.Doc) {
  return {
    files: doc.getMap<string>(FILES_KEY),
    texts: doc.getMap<Y.Text>(TEXTS_KEY),
    folders: doc.getMap<boolean>(FOLDERS_KEY),
  };
}

function isCleanPath(path: unknown): path is string {
  if (typeof path !== "string") return false;
  try {
    return normalizePath(path) === path;
  } catch {
    return false;
  }
}

/** Files in path order (then id, so duplicates from concurrent creation list stably). */
export function listFiles(doc: Y.Doc): RoomFile[] {
  const { files, texts } = maps(doc);
  const result: RoomFile[] = [];
  for (const [id, path] of files.entries()) {
    const text = texts.get(id);
    if (!isCleanPath(path) || !(text instanceof Y.Text)) continue;
    result.push({ id, path, language: languageForPath(path), length: text.length });
  }
  return result.sort((a, b) => (a.path === b.path ? a.id.localeCompare(b.id) : a.path < b.path ? -1 : 1));
}

/** Every folder: the explicit ones and those implied by file paths, sorted. */
export function listFolders(doc: Y.Doc): string[] {
  const { folders } = maps(doc);
  const all = new Set<string>();
  for (const path of folders.keys()) {
    if (!isCleanPath(path)) continue;
    all.add(path);
    for (const ancestor of ancestorFolders(path)) all.add(ancestor);
  }
  for (const file of listFiles(doc)) for (const ancestor of ancestorFolders(file.path)) all.add(ancestor);
  return [...all].sort();
}

export function findFileByPath(doc: Y.Doc, path: string): RoomFile | undefined {
  const wanted = normalizePath(path);
  return listFiles(doc).find((f) => f.path === wanted);
}

/** The shared text of a file, for binding an editor to it. */
export function fileText(doc: Y.Doc, id: string): Y.Text {
  const text = maps(doc).texts.get(id);
  if (!(text instanceof Y.Text) || !maps(doc).files.has(id)) throw new AppError("NOT_FOUND", "No such file.");
  return text;
}

export function readFile(doc: Y.Doc, id: string): string {
  return fileText(doc, id).toString();
}

function assertPathFree(doc: Y.Doc, path: string, exceptFileId?: string): void {
  const files = listFiles(doc).filter((f) => f.id !== exceptFileId);
  if (files.some((f) => f.path === path) || listFolders(doc).includes(path)) {
    throw new AppError("CONFLICT", `"${path}" already exists.`);
  }
  const clash = ancestorFolders(path).find((ancestor) => files.some((f) => f.path === ancestor));
  if (clash) throw new AppError("CONFLICT", `"${clash}" is a file, not a folder.`);
}

/** Makes a folder explicit, so it stays when the last file in it moves away or is deleted. */
function keepFolder(doc: Y.Doc, folder: string): void {
  if (folder !== "" && !maps(doc).folders.has(folder)) maps(doc).folders.set(folder, true);
}

/** Adds a text file; refuses binary or oversized content and taken paths. Returns the file's id. */
export function createFile(doc: Y.Doc, path: string, content = "", origin?: unknown): string {
  const clean = normalizePath(path);
  assertEditableText(content);
  assertPathFree(doc, clean);
  const id = globalThis.crypto.randomUUID();
  doc.transact(() => {
    const { files, texts } = maps(doc);
    texts.set(id, new Y.Text(content));
    files.set(id, clean);
  }, origin);
  return id;
}

export function createFolder(doc: Y.Doc, path: string, origin?: unknown): void {
  const clean = normalizePath(path);
  assertPathFree(doc, clean);
  doc.transact(() => maps(doc).folders.set(clean, true), origin);
}

/** Gives a file a new path (another folder, another name, or both). */
export function moveFile(doc: Y.Doc, id: string, newPath: string, origin?: unknown): void {
  fileText(doc, id);
  const clean = normalizePath(newPath);
  if (maps(doc).files.get(id) === clean) return;
  assertPathFree(doc, clean, id);
  doc.transact(() => {
    keepFolder(doc, parentPath(maps(doc).files.get(id) ?? ""));
    maps(doc).files.set(id, clean);
  }, origin);
}

export function renameFile(doc: Y.Doc, id: string, newName: string, origin?: unknown): void {
  const path = maps(doc).files.get(id) ?? "";
  moveFile(doc, id, joinPath(parentPath(path), normalizePath(newName)), origin);
}

export function deleteFile(doc: Y.Doc, id: string, origin?: unknown): void {
  fileText(doc, id);
  doc.transact(() => {
    keepFolder(doc, parentPath(maps(doc).files.get(id) ?? ""));
    maps(doc).files.delete(id);
    maps(doc).texts.delete(id);
  }, origin);
}

/** Moves a folder with everything inside it. */
export function moveFolder(doc: Y.Doc, from: string, to: string, origin?: unknown): void {
  const source = normalizePath(from);
  const target = normalizePath(to);
  if (source === target) return;
  if (!listFolders(doc).includes(source)) throw new AppError("NOT_FOUND", "No such folder.");
  if (isWithin(target, source)) throw new AppError("VALIDATION_FAILED", "A folder cannot move into itself.");
  assertPathFree(doc, target);
  const relocate = (path: string) => target + path.slice(source.length);
  doc.transact(() => {
    const { files, folders } = maps(doc);
    keepFolder(doc, parentPath(source));
    for (const file of listFiles(doc)) if (isWithin(file.path, source)) files.set(file.id, relocate(file.path));
    for (const folder of [...folders.keys()]) {
      if (!isWithin(folder, source)) continue;
      folders.delete(folder);
      folders.set(relocate(folder), true);
    }
    folders.set(target, true);
  }, origin);
}

export function renameFolder(doc: Y.Doc, path: string, newName: string, origin?: unknown): void {
  const clean = normalizePath(path);
  moveFolder(doc, clean, joinPath(parentPath(clean), normalizePath(newName)), origin);
}

/** Deletes a folder and every file and folder inside it. */
export function deleteFolder(doc: Y.Doc, path: string, origin?: unknown): void {
  const clean = normalizePath(path);
  if (!listFolders(doc).includes(clean)) throw new AppError("NOT_FOUND", "No such folder.");
  doc.transact(() => {
    const { files, texts, folders } = maps(doc);
    keepFolder(doc, parentPath(clean));
    for (const file of listFiles(doc)) {
      if (!isWithin(file.path, clean)) continue;
      files.delete(file.id);
      texts.delete(file.id);
    }
    for (const folder of [...folders.keys()]) if (isWithin(folder, clean)) folders.delete(folder);
  }, origin);
}

/** Replaces a file's content; see replaceText. */
export function replaceFileContent(doc: Y.Doc, id: string, content: string, origin?: unknown): void {
  assertEditableText(content);
  const text = fileText(doc, id);
  doc.transact(() => replaceText(text, content), origin);
}

/** Lengths of the common prefix and suffix of two texts: what a minimal edit keeps. */
export function keptEnds(current: string, next: string): { start: number; end: number } {
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (end < current.length - start && end < next.length - start && current[current.length - 1 - end] === next[next.length - 1 - end]) {
    end++;
  }
  return { start, end };
}

/**
 * Rewrites a Y.Text with the smallest single edit (common prefix and suffix kept), so cursors and
 * concurrent edits outside the changed region survive. Returns whether anything changed.
 */
export function replaceText(text: Y.Text, content: string): boolean {
  const current = text.toString();
  if (current === content) return false;
  const { start, end } = keptEnds(current, content);
  text.delete(start, current.length - start - end);
  text.insert(start, content.slice(start, content.length - end));
  return true;
}

/**
 * Every file with its content under a unique, safe path, ready to be zipped. Paths that collide
 * (two people created the same file at once) get " (2)", " (3)"… before the extension.
 */
export function exportFiles(doc: Y.Doc): FileContent[] {
  const taken = new Set<string>();
  return listFiles(doc).map((file) => {
    let path = file.path;
    for (let n = 2; taken.has(path); n++) path = withSuffix(file.path, ` (${n})`);
    taken.add(path);
    return { path, content: readFile(doc, file.id) };
  });
}

function withSuffix(path: string, suffix: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf(".");
  const renamed = dot > 0 ? `${name.slice(0, dot)}${suffix}${name.slice(dot)}` : `${name}${suffix}`;
  return joinPath(parentPath(path), renamed);
}

/** The files of a document state, each under a unique safe path, ready to zip. */
export function filesOfState(state: Uint8Array): FileContent[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const files = exportFiles(doc);
  doc.destroy();
  return files;
}
