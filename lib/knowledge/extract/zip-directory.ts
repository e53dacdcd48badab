/** One file in a zip archive as its central directory describes it; nothing is decompressed to learn this. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is unusual in Office files. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA_FIELD = 0x0001;
const END_RECORD_SIZE = 22;
const MAX_COMMENT_SIZE = 0xffff;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** Reads the central directory (including ZIP64 sizes) of a zip held in memory. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  let count = view.getUint16(end + 10, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === U16_MAX || directoryOffset === U32_MAX) {
    ({ count, directoryOffset } = readZip64End(view, end));
  }

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let i = 0; i < count; i++) {
    need(view, offset, 46);
    if (view.getUint32(offset, true) !== DIRECTORY_ENTRY) throw new ZipFormatError("bad central directory entry");
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    need(view, offset + 46, nameLength + extraLength);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      encrypted: (view.getUint16(offset + 8, true) & 1) === 1,
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    applyZip64Extra(view, offset + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of an entry as stored in the archive (still compressed). */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = entry.localHeaderOffset;
  need(view, offset, 30);
  if (view.getUint32(offset, true) !== LOCAL_HEADER) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
  need(view, start, entry.compressedSize);
  return bytes.subarray(start, start + entry.compressedSize);
}

function findEndOfDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_RECORD_SIZE - MAX_COMMENT_SIZE);
  for (let offset = view.byteLength - END_RECORD_SIZE; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  throw new ZipFormatError("no end of central directory record");
}

function readZip64End(view: DataView, end: number): { count: number; directoryOffset: number } {
  const locator = end - 20;
  need(view, locator, 20);
  if (view.getUint32(locator, true) !== ZIP64_END_LOCATOR) throw new ZipFormatError("missing ZIP64 locator");
  const record = toSafeNumber(view.getBigUint64(locator + 8, true));
  need(view, record, 56);
  if (view.getUint32(record, true) !== ZIP64_END_OF_DIRECTORY) throw new ZipFormatError("bad ZIP64 end record");
  return {
    count: toSafeNumber(view.getBigUint64(record + 32, true)),
    directoryOffset: toSafeNumber(view.getBigUint64(record + 48, true)),
  };
}

/** ZIP64 keeps the real values of saturated 32-bit fields in an extra field, in a fixed order. */
function applyZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  const needs64 = (value: number) => value === U32_MAX;
  if (!needs64(entry.uncompressedSize) && !needs64(entry.compressedSize) && !needs64(entry.localHeaderOffset)) return;
  for (let offset = start; offset + 4 <= start + length; ) {
    const id = view.getUint16(offset, true);
    const size = view.getUint16(offset + 2, true);
    if (id === ZIP64_EXTRA_FIELD) {
      let field = offset + 4;
      const next = (): number => {
        if (field + 8 > offset + 4 + size) throw new ZipFormatError("short ZIP64 extra field");
        const value = toSafeNumber(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (needs64(entry.uncompressedSize)) entry.uncompressedSize = next();
      if (needs64(entry.compressedSize)) entry.compressedSize = next();
      if (needs64(entry.localHeaderOffset)) entry.localHeaderOffset = next();
      return;
    }
    offset += 4 + size;
  }
  throw new ZipFormatError(`missing ZIP64 sizes for ${entry.name}`);
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError("ZIP64 value out of range");
  return Number(value);
}

function need(view: DataView, offset: number, length: number): void {
  if (offset < 0 || offset + length > view.byteLength) throw new ZipFormatError("truncated archive");
}
