import JSZip from "jszip";
import type { FileContent } from "./room-files";

/** Zips a room's files (paths already unique and safe, see exportFiles) under one top folder. */
export async function zipRoomFiles(folder: string, files: readonly FileContent[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const root = zip.folder(folder) ?? zip;
  for (const file of files) root.file(file.path, file.content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** A file and folder name safe on every system, from a room name ("room" when nothing is left). */
export function archiveName(roomName: string): string {
  const cleaned = roomName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return cleaned || "room";
}
