import type * as Y from "yjs";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { normalizePath } from "./file-paths";
import { createFile, deleteFile, fileText, findFileByPath, keptEnds, moveFile, replaceFileContent } from "./room-files";
import { versionLabelSchema } from "./room-schemas";
import { MAX_FILE_CHARS } from "./text-content";

/**
 * Operations the web app asks the collab sidecar to apply to a room's live document on a user's
 * behalf (REST, MCP, CLI). One schema for both ends: the web app sends what it parsed, the sidecar
 * parses again what it received.
 */
const pathField = z.string().min(1).max(1024);

export const roomOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("write"), path: pathField, content: z.string().max(MAX_FILE_CHARS) }),
  z.object({ op: z.literal("move"), path: pathField, to: pathField }),
  z.object({ op: z.literal("delete"), path: pathField }),
  z.object({ op: z.literal("save"), label: versionLabelSchema }),
  z.object({ op: z.literal("restore"), versionId: z.string().min(1).max(128) }),
]);
export type RoomOp = z.infer<typeof roomOpSchema>;
export const roomOpKindSchema = z.enum(["write", "move", "delete", "save", "restore"]);
export type RoomOpKind = z.infer<typeof roomOpKindSchema>;
export type FileOp = Extract<RoomOp, { op: "write" | "move" | "delete" }>;

export const roomOpResultSchema = z.object({
  /** The file's path after the operation (write, move, delete). */
  path: z.string().optional(),
  /** Whether a write created the file. */
  created: z.boolean().optional(),
  /** Whether the document changed at all (writing a file's current content changes nothing). */
  changed: z.boolean(),
  /** Save: the version saved. */
  versionId: z.string().optional(),
  /** Restore: the automatic version holding the state before it (restoring that one undoes it). */
  undoVersionId: z.string().optional(),
});
export type RoomOpResult = z.infer<typeof roomOpResultSchema>;

/** What a file operation would add at most: the longest file it leaves, and bytes added to the document. */
export function fileOpGrowth(doc: Y.Doc, op: FileOp): { fileChars: number; bytes: number } {
  if (op.op !== "write") return { fileChars: 0, bytes: op.op === "move" ? Buffer.byteLength(op.to) + 64 : 0 };
  const existing = findFileByPath(doc, op.path);
  const current = existing ? fileText(doc, existing.id).toString() : "";
  const { start, end } = keptEnds(current, op.content);
  const inserted = op.content.slice(start, op.content.length - end);
  return { fileChars: op.content.length, bytes: Buffer.byteLength(inserted) + (existing ? 64 : Buffer.byteLength(op.path) + 128) };
}

/**
 * Applies a file operation to a live document as one transaction with `origin`. Writing replaces
 * only the changed range (cursors elsewhere survive); writing the current content changes nothing.
 */
export function applyFileOp(doc: Y.Doc, op: FileOp, origin: unknown): RoomOpResult {
  const file = findFileByPath(doc, op.path);
  switch (op.op) {
    case "write": {
      if (!file) {
        createFile(doc, op.path, op.content, origin);
        return { path: normalizePath(op.path), created: true, changed: true };
      }
      const changed = fileText(doc, file.id).toString() !== op.content;
      if (changed) replaceFileContent(doc, file.id, op.content, origin);
      return { path: file.path, created: false, changed };
    }
    case "move": {
      if (!file) throw new AppError("NOT_FOUND", "No such file.");
      const to = normalizePath(op.to);
      moveFile(doc, file.id, to, origin);
      return { path: to, changed: to !== file.path };
    }
    case "delete": {
      if (!file) throw new AppError("NOT_FOUND", "No such file.");
      deleteFile(doc, file.id, origin);
      return { path: file.path, changed: true };
    }
  }
}
