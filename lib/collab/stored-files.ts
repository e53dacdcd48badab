import * as Y from "yjs";
import { AppError } from "../errors/app-error";
import { fileText, findFileByPath, listFiles } from "./room-files";

/** A file of a room as the API lists it; `size` is its content's length in UTF-8 bytes. */
export interface FileEntry {
  id: string;
  path: string;
  language: string;
  size: number;
}

export interface FileWithContent {
  path: string;
  content: string;
  language: string;
}

function withDoc<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/** Every file of a document state, in path order. */
export function listStateFiles(state: Uint8Array): FileEntry[] {
  return withDoc(state, (doc) =>
    listFiles(doc).map((f) => ({ id: f.id, path: f.path, language: f.language, size: Buffer.byteLength(fileText(doc, f.id).toString()) })),
  );
}

/** One file of a document state by path; NOT_FOUND when there is none. */
export function readStateFile(state: Uint8Array, path: string): FileWithContent {
  return withDoc(state, (doc) => {
    const file = findFileByPath(doc, path);
    if (!file) throw new AppError("NOT_FOUND", "No such file.");
    return { path: file.path, content: fileText(doc, file.id).toString(), language: file.language };
  });
}
