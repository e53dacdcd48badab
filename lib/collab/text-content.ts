import { AppError } from "../errors/app-error";

/** The largest file a room holds, in UTF-16 code units (what Y.Text counts). */
export const MAX_FILE_CHARS = 1_000_000;

// C0 control characters other than tab, line feed, vertical tab, form feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000e-\u001f]/g;

/** Whether text looks like binary data: any NUL, or more than 1 in 100 characters a control character. */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls > 0 && controls * 100 > text.length;
}

/** Checks text before it goes into a room file: not binary, not too large. */
export function assertEditableText(text: string): void {
  if (looksBinary(text)) throw new AppError("VALIDATION_FAILED", "Binary files cannot be edited in a room.");
  if (text.length > MAX_FILE_CHARS) throw new AppError("PAYLOAD_TOO_LARGE", "This file is too large to edit in a room.");
}

/** Decodes uploaded bytes as UTF-8 text (dropping a byte order mark); binary or invalid UTF-8 is refused. */
export function decodeTextFile(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION_FAILED", "Binary files cannot be edited in a room.");
  }
  assertEditableText(text);
  return text;
}
