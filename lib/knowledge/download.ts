import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { loadReadable } from "./documents";
import { storedPath } from "./storage";

export interface OriginalFile {
  /** The last segment of the document's name, for Content-Disposition. */
  fileName: string;
  mime: string;
  sizeBytes: number;
  body: ReadableStream<Uint8Array>;
}

/** The uploaded file as it arrived, for whoever may read the document; streamed, never buffered. */
export async function openOriginal(db: Db, userId: string, documentId: string, uploadsDir: string): Promise<OriginalFile> {
  const { doc } = await loadReadable(db, userId, documentId);
  const path = storedPath(uploadsDir, doc.storageKey);
  const info = await stat(path).catch(() => null);
  if (!info) throw new AppError("NOT_FOUND", "The original file is no longer stored.");
  return {
    fileName: doc.name.split("/").pop() ?? doc.name,
    mime: doc.mime ?? "application/octet-stream",
    sizeBytes: info.size,
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
  };
}
