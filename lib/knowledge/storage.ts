import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { KnowledgeError, formatBytes } from "./errors";

/** Original files, kept for re-processing and download: DATA_DIR/uploads/<storageKey>. */
export function uploadsDir(dataDir: string): string {
  return join(dataDir, "uploads");
}

const STORAGE_KEY = /^[0-9a-f-]{36}$/;

export function storedPath(dir: string, storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error(`invalid storage key: ${storageKey}`);
  return join(dir, storageKey);
}

export interface StoredUpload {
  storageKey: string;
  sizeBytes: number;
  /** sha256 (hex) of the bytes as uploaded. */
  sha256: string;
}

/** Counts and hashes bytes as they pass, failing as soon as more than `maxBytes` arrived. */
class SizeGuard extends Transform {
  bytes = 0;
  readonly hash = createHash("sha256");

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) {
      done(
        new KnowledgeError("TOO_LARGE", `This file is larger than ${formatBytes(this.maxBytes)}, the most you can add.`, {
          limitBytes: this.maxBytes,
        }),
      );
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Streams a request body to a new file (never holding it in memory), enforcing `maxBytes` while the
 * bytes arrive. A partial file is removed when the stream fails or is too large.
 */
export async function storeUploadStream(
  dir: string,
  body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  maxBytes: number,
): Promise<StoredUpload> {
  await mkdir(dir, { recursive: true });
  const storageKey = randomUUID();
  const target = storedPath(dir, storageKey);
  const partial = `${target}.part`;
  const guard = new SizeGuard(maxBytes);
  try {
    await pipeline(body, guard, createWriteStream(partial, { flags: "wx" }));
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { storageKey, sizeBytes: guard.bytes, sha256: guard.hash.digest("hex") };
}

/** Stores text written in the app (learned items) like an upload. */
export async function storeText(dir: string, text: string): Promise<StoredUpload> {
  await mkdir(dir, { recursive: true });
  const storageKey = randomUUID();
  const bytes = Buffer.from(text, "utf8");
  await writeFile(storedPath(dir, storageKey), bytes, { flag: "wx" });
  return { storageKey, sizeBytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
}

export async function readStored(dir: string, storageKey: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(storedPath(dir, storageKey)));
}

export async function removeStored(dir: string, storageKey: string): Promise<void> {
  await rm(storedPath(dir, storageKey), { force: true });
}
