import { promisify } from "node:util";
import { inflateRaw } from "node:zlib";
import { KnowledgeError, formatBytes } from "../errors";
import { ZipFormatError, entryData, readZipDirectory, type ZipEntry } from "./zip-directory";

export interface ZipLimits {
  maxEntries: number;
  /** Sum of all entries once decompressed. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio for an entry bigger than `ratioCheckFromBytes`. */
  maxCompressionRatio: number;
  /** Small entries compress arbitrarily well without being dangerous, so their ratio is not checked. */
  ratioCheckFromBytes: number;
}

const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUncompressedBytes: 256 * 1024 * 1024,
  // Apache POI refuses Office files past the same ratio (ZipSecureFile's minimum inflate ratio of 0.01).
  maxCompressionRatio: 100,
  ratioCheckFromBytes: 1024 * 1024,
};

const STORED = 0;
const DEFLATED = 8;
const inflateRawAsync = promisify(inflateRaw);

/**
 * Refuses zip bombs before anything unpacks the archive: first from the sizes the central directory declares,
 * then by inflating each entry with an output cap of its declared size, so an archive that lies about its sizes
 * is stopped at the declared (already accepted) amount instead of being expanded.
 */
export async function assertSafeZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<void> {
  const caps = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const entries = readEntries(bytes);
  checkDeclaredSizes(entries, caps);
  for (const entry of entries) await checkActualSize(bytes, entry);
}

function readEntries(bytes: Uint8Array): ZipEntry[] {
  try {
    return readZipDirectory(bytes);
  } catch (err) {
    if (err instanceof ZipFormatError) throw corrupt(err.message);
    throw err;
  }
}

function checkDeclaredSizes(entries: ZipEntry[], caps: ZipLimits): void {
  if (entries.length > caps.maxEntries) {
    const reason = `it holds ${entries.length} files (at most ${caps.maxEntries} are allowed)`;
    throw unsafe(reason, { entries: entries.length });
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.encrypted) {
      throw new KnowledgeError("ENCRYPTED", "This document is encrypted. Remove the password and try again.");
    }
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw corrupt(`unsupported compression method ${entry.method}`);
    }
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize >= caps.ratioCheckFromBytes && ratio > caps.maxCompressionRatio) {
      throw unsafe(`one part expands ${Math.round(ratio)} times (at most ${caps.maxCompressionRatio} is allowed)`, {
        entry: entry.name,
        ratio: Math.round(ratio),
      });
    }
  }
  if (total > caps.maxUncompressedBytes) {
    throw unsafe(`it unpacks to ${formatBytes(total)} (at most ${formatBytes(caps.maxUncompressedBytes)})`, {
      uncompressedBytes: total,
    });
  }
}

async function checkActualSize(bytes: Uint8Array, entry: ZipEntry): Promise<void> {
  let data: Uint8Array;
  try {
    data = entryData(bytes, entry);
  } catch (err) {
    if (err instanceof ZipFormatError) throw corrupt(err.message);
    throw err;
  }
  if (entry.method === STORED) {
    if (data.byteLength !== entry.uncompressedSize) throw corrupt(`size mismatch in ${entry.name}`);
    return;
  }
  try {
    // zlib refuses a cap of 0, and an entry declaring 0 bytes must inflate to nothing anyway.
    await inflateRawAsync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw unsafe("a part is larger than the archive declares", { entry: entry.name });
    }
    throw corrupt(`cannot inflate ${entry.name}`);
  }
}

function unsafe(reason: string, details: Record<string, unknown>): KnowledgeError {
  return new KnowledgeError("UNSAFE_ARCHIVE", `This document was refused because ${reason}.`, details);
}

function corrupt(reason: string): KnowledgeError {
  return new KnowledgeError("CORRUPT", "This document is damaged and cannot be read.", { reason });
}
