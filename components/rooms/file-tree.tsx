"use client";

import { parentPath } from "@/lib/collab/file-paths";
import {
  createFile,
  createFolder,
  deleteFile,
  deleteFolder,
  moveFile,
  moveFolder,
  renameFile,
  renameFolder,
  type RoomFile,
} from "@/lib/collab/room-files";
import { decodeTextFile } from "@/lib/collab/text-content";
import { onEscape, useReturnFocus } from "@/components/ui/keyboard";
import { isAppError } from "@/lib/errors/app-error";
import { useRef, useState } from "react";
import type * as Y from "yjs";
import { treeRows, type DragItem, type TreeRow } from "./file-tree-model";
import { useTreeDrag } from "./use-tree-drag";

type Editing =
  | { mode: "new-file" | "new-folder"; value: string }
  | { mode: "rename" | "move"; row: TreeRow; value: string };

interface Props {
  doc: Y.Doc;
  files: RoomFile[];
  folders: string[];
  activeFileId: string | null;
  canEdit: boolean;
  onOpen(fileId: string): void;
}

const LABELS = { "new-file": "New file path", "new-folder": "New folder path", rename: "New name", move: "Move to path" } as const;

function rowPath(row: TreeRow): string {
  return row.kind === "folder" ? row.path : row.file.path;
}

function dragItem(row: TreeRow): DragItem {
  return row.kind === "folder" ? { kind: "folder", path: row.path } : { kind: "file", id: row.file.id, path: row.file.path };
}

/** The folder a drop on this row lands in: the folder itself, or the folder holding the file. */
function dropFolder(row: TreeRow): string {
  return row.kind === "folder" ? row.path : parentPath(row.file.path);
}

/**
 * The room's files and folders with create, rename, move (by form or drag and drop), delete,
 * collapsible folders and text-file upload.
 */
export function FileTree({ doc, files, folders, activeFileId, canEdit, onOpen }: Props) {
  const [editing, setEditingState] = useState<Editing | null>(null);
  const focus = useReturnFocus();
  const [error, setError] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const upload = useRef<HTMLInputElement>(null);
  const rows = treeRows(folders, files, collapsed);
  const drag = useTreeDrag((item, path) =>
    attempt(() => (item.kind === "file" ? moveFile(doc, item.id, path) : moveFolder(doc, item.path, path))),
  );

  /** Opens the inline form (remembering the control that opened it), or changes its value. */
  function setEditing(next: Editing) {
    if (!editing) focus.remember();
    setEditingState(next);
  }

  function closeForm() {
    setEditingState(null);
    focus.restore();
  }

  function toggle(folder: string) {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(folder)) next.add(folder);
      return next;
    });
  }

  function attempt(work: () => void): boolean {
    setError(null);
    try {
      work();
      return true;
    } catch (err) {
      setError(isAppError(err) ? err.message : "That did not work.");
      return false;
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const current = editing;
    const value = current.value;
    const ok = attempt(() => {
      if (current.mode === "new-file") return onOpen(createFile(doc, value));
      if (!("row" in current)) return createFolder(doc, value);
      const { row } = current;
      const rename = current.mode === "rename";
      if (row.kind === "file") return rename ? renameFile(doc, row.file.id, value) : moveFile(doc, row.file.id, value);
      return rename ? renameFolder(doc, row.path, value) : moveFolder(doc, row.path, value);
    });
    if (ok) closeForm();
  }

  function remove(row: TreeRow) {
    const label = rowPath(row);
    if (!window.confirm(row.kind === "folder" ? `Delete folder “${label}” and everything in it?` : `Delete “${label}”?`)) return;
    attempt(() => (row.kind === "folder" ? deleteFolder(doc, row.path) : deleteFile(doc, row.file.id)));
  }

  async function uploadFiles(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!attempt(() => onOpen(createFile(doc, file.name, decodeTextFile(bytes))))) break;
    }
    if (upload.current) upload.current.value = "";
  }

  const folderPrefix = (path: string) => (path === "" ? "" : `${path}/`);

  return (
    <div
      className={`file-tree${drag.over === "" ? " drop-target" : ""}`}
      aria-label="Files"
      {...(canEdit ? drag.target("") : {})}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) drag.clearOver();
      }}
    >
      <div className="tree-head">
        <span>Files</span>
        {canEdit && (
          <span className="tree-tools">
            <button type="button" className="icon-btn" title="New file" onClick={() => setEditing({ mode: "new-file", value: "" })}>
              + File
            </button>
            <button type="button" className="icon-btn" title="New folder" onClick={() => setEditing({ mode: "new-folder", value: "" })}>
              + Folder
            </button>
            <button type="button" className="icon-btn" title="Upload text files" onClick={() => upload.current?.click()}>
              Upload
            </button>
            <input ref={upload} type="file" multiple hidden aria-label="Upload files" onChange={(e) => void uploadFiles(e.target.files)} />
          </span>
        )}
      </div>
      {editing && (
        <form className="tree-edit" onSubmit={submit} onKeyDown={onEscape(closeForm)}>
          <label htmlFor="tree-input">{LABELS[editing.mode]}</label>
          <input id="tree-input" autoFocus value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.target.value })} />
          <div className="row-actions">
            <button type="submit" className="btn btn-small">
              OK
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={closeForm}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <div className="tree-error" role="alert">
          {error}
        </div>
      )}
      {rows.length === 0 && <p className="tree-empty">No files yet.{canEdit ? " Create one to start." : ""}</p>}
      <ul className="tree-rows">
        {rows.map((row) => (
          <li
            key={row.kind === "folder" ? `d:${row.path}` : `f:${row.file.id}`}
            className={`tree-row ${row.kind}${row.kind === "folder" && drag.over === row.path ? " drop-target" : ""}`}
            style={{ paddingLeft: `${0.5 + row.depth * 0.9}rem` }}
            {...(canEdit ? { ...drag.source(dragItem(row)), ...drag.target(dropFolder(row)) } : {})}
          >
            {row.kind === "file" ? (
              <button
                type="button"
                className={`tree-name${row.file.id === activeFileId ? " active" : ""}`}
                title={row.file.path}
                onClick={() => onOpen(row.file.id)}
              >
                {row.name}
              </button>
            ) : (
              <button type="button" className="tree-name folder-name" title={row.path} aria-expanded={!row.collapsed} onClick={() => toggle(row.path)}>
                <span className="folder-caret" aria-hidden="true">
                  {row.collapsed ? "▸" : "▾"}
                </span>
                {row.name}/
              </button>
            )}
            {canEdit && (
              <span className="tree-row-tools">
                {row.kind === "folder" && (
                  <button type="button" className="icon-btn" title={`New file in ${row.path}`} onClick={() => setEditing({ mode: "new-file", value: folderPrefix(row.path) })}>
                    +
                  </button>
                )}
                <button type="button" className="icon-btn" title={`Rename ${rowPath(row)}`} onClick={() => setEditing({ mode: "rename", row, value: row.name })}>
                  Rename
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  title={`Move ${rowPath(row)}`}
                  onClick={() => setEditing({ mode: "move", row, value: `${folderPrefix(parentPath(rowPath(row)))}${row.name}` })}
                >
                  Move
                </button>
                <button type="button" className="icon-btn danger" title={`Delete ${rowPath(row)}`} onClick={() => remove(row)}>
                  Delete
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
