import * as Y from "yjs";
import { TEXTS_KEY } from "../lib/collab/room-files";
import { lengthGrowth, onlyDeletes, storedSize } from "./update-size";

export interface DocSizeLimits {
  /** Longest file, in the UTF-16 code units Y.Text counts. */
  maxFileChars: number;
  /** Largest document, about as encoded (what the database stores, exports and versions copy). */
  maxRoomBytes: number;
}

export interface SizeRefusal {
  metric: "file_too_large" | "room_too_large";
  /** Shown to the editor as the close reason (at most 123 bytes). */
  message: string;
}

type Struct = Y.Item | Y.GC | Y.Skip;

function longestText(doc: Y.Doc): number {
  let longest = 0;
  for (const text of doc.getMap<Y.Text>(TEXTS_KEY).values()) if (text instanceof Y.Text) longest = Math.max(longest, text.length);
  return longest;
}

/**
 * Admits or refuses an incoming update before it touches the room's document. Updates that only
 * delete always pass, so a room at its limit can still be trimmed.
 *
 * The room's size is kept as a bound: the last measurement plus the bytes of every update applied
 * since (from any origin). Measuring walks the whole document (a fragmented 50 MB room takes about a
 * second), so it happens only when the bound says an update might not fit and the document may have
 * changed by more than a slack since the last measurement (grown, or shrunk by deletions); within
 * the slack the bound decides, which may refuse up to the slack early.
 */
class DocSizeGuard {
  private measured: number | null = null;
  private grownSince = 0;
  private deletedSince = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: DocSizeLimits,
  ) {
    doc.on("update", (update: Uint8Array) => {
      this.grownSince += update.byteLength;
    });
    doc.on("afterTransaction", (transaction: Y.Transaction) => {
      for (const items of transaction.deleteSet.clients.values()) for (const item of items) this.deletedSince += item.len;
    });
  }

  check(update: Uint8Array, structs: readonly Struct[]): SizeRefusal | null {
    if (onlyDeletes(structs)) return null;
    const { projected, unresolved } = lengthGrowth(this.doc, structs);
    let longest = 0;
    for (const length of projected.values()) longest = Math.max(longest, length);
    if (unresolved > 0) longest = Math.max(longest, longestText(this.doc)) + unresolved;
    return this.checkGrowth(longest, update.byteLength);
  }

  /** Admits or refuses a change that leaves its longest file at `fileChars` and adds at most `bytes`. */
  checkGrowth(fileChars: number, bytes: number): SizeRefusal | null {
    const { maxFileChars, maxRoomBytes } = this.limits;
    if (fileChars > maxFileChars) {
      return { metric: "file_too_large", message: `a file may hold at most ${maxFileChars.toLocaleString("en-US")} characters` };
    }
    if (this.bound() + bytes <= maxRoomBytes) return null;
    const slack = maxRoomBytes / 500;
    if (this.measured === null || this.grownSince > slack || this.deletedSince > slack) {
      this.measured = storedSize(this.doc);
      this.grownSince = 0;
      this.deletedSince = 0;
    }
    if (this.bound() + bytes <= maxRoomBytes) return null;
    return { metric: "room_too_large", message: `a room may hold at most ${formatMb(maxRoomBytes)} MB` };
  }

  private bound(): number {
    return this.measured === null ? Infinity : this.measured + this.grownSince;
  }
}

function formatMb(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

const guards = new WeakMap<Y.Doc, DocSizeGuard>();

function guardOf(doc: Y.Doc, limits: DocSizeLimits): DocSizeGuard {
  let guard = guards.get(doc);
  if (!guard) {
    guard = new DocSizeGuard(doc, limits);
    guards.set(doc, guard);
  }
  return guard;
}

/** Whether an update may be applied to a room's document, per the limits (one guard per document). */
export function checkUpdateSize(doc: Y.Doc, limits: DocSizeLimits, update: Uint8Array, structs: readonly Struct[]): SizeRefusal | null {
  return guardOf(doc, limits).check(update, structs);
}

/**
 * Whether a change the sidecar is about to make may be applied, from what it would leave and add
 * (the sidecar's own edits have no update to inspect before they are made).
 */
export function checkGrowth(doc: Y.Doc, limits: DocSizeLimits, growth: { fileChars: number; bytes: number }): SizeRefusal | null {
  return guardOf(doc, limits).checkGrowth(growth.fileChars, growth.bytes);
}
