import type { TextEncoding } from "./types";

/** Enough of a file to judge whether it is text without decoding all of it. */
const SAMPLE_BYTES = 64 * 1024;
/** Share of control characters above which a sample is treated as binary. */
const MAX_CONTROL_RATIO = 0.02;
/** Legacy 8-bit text is mostly ASCII; random or compressed bytes are half non-ASCII. */
const MAX_LEGACY_HIGH_BYTE_RATIO = 0.3;

/**
 * The encoding a file's bytes are text in, or null when they look binary: a byte-order mark, else valid
 * UTF-8, else Windows-1252 for legacy files; rejected when NUL bytes or many control characters appear.
 */
export function sniffTextEncoding(bytes: Uint8Array): TextEncoding | null {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const bom = encodingFromBom(sample);
  if (bom) return looksLikeText(decodeSample(sample, bom)) ? bom : null;
  if (sample.includes(0)) return null;
  const utf8 = decodeSample(sample, "utf-8", true);
  if (utf8 !== null) return looksLikeText(utf8) ? "utf-8" : null;
  if (highByteRatio(sample) > MAX_LEGACY_HIGH_BYTE_RATIO) return null;
  return looksLikeText(decodeSample(sample, "windows-1252")) ? "windows-1252" : null;
}

/** Decodes a whole file, dropping a byte-order mark and turning CRLF / CR line ends into LF. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const text = decode(bytes, encoding);
  return normalizeNewlines(text.startsWith("\uFEFF") ? text.slice(1) : text);
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

function encodingFromBom(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

function decodeSample(sample: Uint8Array, encoding: TextEncoding, fatal?: false): string;
function decodeSample(sample: Uint8Array, encoding: TextEncoding, fatal: true): string | null;
function decodeSample(sample: Uint8Array, encoding: TextEncoding, fatal = false): string | null {
  try {
    // stream: true so a multi-byte character cut off at the end of the sample is not an error.
    return decode(sample, encoding, { fatal, stream: true });
  } catch {
    return null;
  }
}

/** What bytes 0x80–0x9F mean in Windows-1252 (five are unassigned and stay as they are). */
const WINDOWS_1252_80_TO_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decode(bytes: Uint8Array, encoding: TextEncoding, { fatal = false, stream = false } = {}): string {
  const text = new TextDecoder(encoding, { fatal }).decode(bytes, { stream });
  if (encoding !== "windows-1252") return text;
  // Some Node versions decode "windows-1252" as ISO-8859-1, leaving 0x80–0x9F as C1 controls.
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_80_TO_9F[c.charCodeAt(0) - 0x80]!);
}

function highByteRatio(bytes: Uint8Array): number {
  let high = 0;
  for (const byte of bytes) if (byte >= 0x80) high++;
  return high / bytes.length;
}

function looksLikeText(text: string): boolean {
  if (text.length === 0) return true;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    if (isBinaryControl(text.charCodeAt(i))) controls++;
  }
  return controls / text.length <= MAX_CONTROL_RATIO && !text.includes("\0");
}

/** Control characters that text files do not contain; tab, newlines, form feed and ESC (ANSI colours in logs) are fine. */
function isBinaryControl(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x1b) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
