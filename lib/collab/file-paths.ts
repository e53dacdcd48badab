import { AppError } from "../errors/app-error";

const MAX_PATH_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;
const MAX_DEPTH = 32;
// Characters that cannot appear in file names on common systems (the files end up in zip exports).
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"|?*\\]/;

/**
 * Normalises a file or folder path inside a room: forward slashes, no leading "./" or "/", no
 * empty, "." or ".." segments. Throws VALIDATION_FAILED for anything else.
 */
export function normalizePath(input: string): string {
  const trimmed = input.trim().replace(/^(\.\/)+/, "").replace(/^\/+/, "").replace(/\/+$/, "");
  if (trimmed === "") throw new AppError("VALIDATION_FAILED", "Enter a file or folder name.");
  if (trimmed.length > MAX_PATH_LENGTH) throw new AppError("VALIDATION_FAILED", "This path is too long.");
  const segments = trimmed.split("/");
  if (segments.length > MAX_DEPTH) throw new AppError("VALIDATION_FAILED", "Folders are nested too deeply.");
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") {
      throw new AppError("VALIDATION_FAILED", "Paths cannot contain empty, '.' or '..' parts.");
    }
    if (segment.length > MAX_SEGMENT_LENGTH) throw new AppError("VALIDATION_FAILED", "A file or folder name is too long.");
    if (FORBIDDEN.test(segment) || segment !== segment.trim()) {
      throw new AppError("VALIDATION_FAILED", `"${segment}" is not a valid file or folder name.`);
    }
  }
  return segments.join("/");
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function parentPath(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

export function joinPath(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

/** Whether `path` is `folder` itself or lies somewhere inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

/** Every ancestor folder of a path, outermost first: "a/b/c.ts" → ["a", "a/b"]. */
export function ancestorFolders(path: string): string[] {
  const segments = path.split("/").slice(0, -1);
  return segments.map((_, i) => segments.slice(0, i + 1).join("/"));
}
