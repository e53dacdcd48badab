import { baseName, isWithin, joinPath, parentPath } from "@/lib/collab/file-paths";
import type { RoomFile } from "@/lib/collab/room-files";

export type TreeRow =
  | { kind: "folder"; path: string; name: string; depth: number; collapsed: boolean }
  | { kind: "file"; file: RoomFile; name: string; depth: number };

/**
 * Folders and files in display order: each folder followed by its contents, folders before files.
 * The contents of collapsed folders are left out.
 */
export function treeRows(folders: readonly string[], files: readonly RoomFile[], collapsed: ReadonlySet<string> = new Set()): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (folder: string, depth: number) => {
    for (const path of folders.filter((f) => parentPath(f) === folder)) {
      const isCollapsed = collapsed.has(path);
      rows.push({ kind: "folder", path, name: baseName(path), depth, collapsed: isCollapsed });
      if (!isCollapsed) visit(path, depth + 1);
    }
    for (const file of files.filter((f) => parentPath(f.path) === folder)) {
      rows.push({ kind: "file", file, name: baseName(file.path), depth });
    }
  };
  visit("", 0);
  return rows;
}

/** What is being dragged in the tree: a file by id or a folder by path. */
export type DragItem = { kind: "file"; id: string; path: string } | { kind: "folder"; path: string };

/**
 * The path a dragged item gets when dropped on `folder` ("" is the room's top level), or null when
 * the drop would change nothing or put a folder inside itself.
 */
export function dropPath(item: DragItem, folder: string): string | null {
  if (parentPath(item.path) === folder) return null;
  if (item.kind === "folder" && isWithin(folder, item.path)) return null;
  return joinPath(folder, baseName(item.path));
}
