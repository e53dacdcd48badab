import { baseName, parentPath } from "@/lib/collab/file-paths";
import type { RoomFile } from "@/lib/collab/room-files";

export type TreeRow =
  | { kind: "folder"; path: string; name: string; depth: number }
  | { kind: "file"; file: RoomFile; name: string; depth: number };

/** Folders and files in display order: each folder followed by its contents, folders before files. */
export function treeRows(folders: readonly string[], files: readonly RoomFile[]): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (folder: string, depth: number) => {
    for (const path of folders.filter((f) => parentPath(f) === folder)) {
      rows.push({ kind: "folder", path, name: baseName(path), depth });
      visit(path, depth + 1);
    }
    for (const file of files.filter((f) => parentPath(f.path) === folder)) {
      rows.push({ kind: "file", file, name: baseName(file.path), depth });
    }
  };
  visit("", 0);
  return rows;
}
