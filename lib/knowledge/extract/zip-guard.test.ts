import { describe, expect, it } from "vitest";
import {
  DOCX_PACKAGE_PARTS,
  buildDocx,
  buildRawZip,
  deflatedEntry,
  documentXml,
  zerosDeflateBomb,
  type RawZipEntry,
} from "../test-fixtures";
import { assertSafeZip } from "./zip-guard";
import { readZipDirectory } from "./zip-directory";

const packageEntries = (): RawZipEntry[] =>
  Object.entries(DOCX_PACKAGE_PARTS).map(([name, content]) => deflatedEntry(name, content));

describe("readZipDirectory", () => {
  it("lists the entries of a jszip archive with their sizes", async () => {
    const entries = readZipDirectory(await buildDocx([{ text: "Hello" }]));
    const document = entries.find((entry) => entry.name === "word/document.xml");
    expect(document).toMatchObject({ method: 8, encrypted: false });
    expect(document!.uncompressedSize).toBe(Buffer.byteLength(documentXml([{ text: "Hello" }])));
  });
});

describe("assertSafeZip", () => {
  it("accepts an ordinary document", async () => {
    await expect(assertSafeZip(await buildDocx([{ text: "Hello" }]))).resolves.toBeUndefined();
  });

  it("refuses a 1 GiB zip bomb from its directory alone, without expanding it", async () => {
    const bomb = zerosDeflateBomb(1024);
    const zip = buildRawZip([...packageEntries(), { name: "word/document.xml", data: bomb, deflated: true, uncompressedSize: 1024 ** 3 }]);
    expect(zip.byteLength).toBeLessThan(2 * 1024 * 1024);
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().external;
    const started = performance.now();
    await expect(assertSafeZip(zip)).rejects.toMatchObject({
      code: "UNSAFE_ARCHIVE",
      message: expect.stringMatching(/expands \d+ times/),
      details: { entry: "word/document.xml", ratio: expect.any(Number) },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed + process.memoryUsage().external - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses by total size when the ratio looks harmless", async () => {
    const zip = await buildDocx([{ text: "x".repeat(50_000) }]);
    await expect(assertSafeZip(zip, { maxUncompressedBytes: 10_000 })).rejects.toMatchObject({
      code: "UNSAFE_ARCHIVE",
      message: expect.stringContaining("unpacks to"),
    });
  });

  it("refuses an archive with too many entries", async () => {
    const entries = Array.from({ length: 6 }, (_, i) => deflatedEntry(`part${i}.xml`, "<a/>"));
    await expect(assertSafeZip(buildRawZip(entries), { maxEntries: 5 })).rejects.toMatchObject({ code: "UNSAFE_ARCHIVE" });
  });

  it("stops an entry that inflates past the size its header declares", async () => {
    const honest = deflatedEntry("word/document.xml", new Uint8Array(5 * 1024 * 1024));
    const lying = { ...honest, uncompressedSize: 1000 };
    await expect(assertSafeZip(buildRawZip([...packageEntries(), lying]))).rejects.toMatchObject({
      code: "UNSAFE_ARCHIVE",
      message: expect.stringContaining("larger than the archive declares"),
    });
  });

  it("reports truncated or non-zip data as CORRUPT", async () => {
    const zip = await buildDocx([{ text: "Hello" }]);
    await expect(assertSafeZip(zip.subarray(0, zip.byteLength - 30))).rejects.toMatchObject({ code: "CORRUPT" });
    await expect(assertSafeZip(new Uint8Array(100))).rejects.toMatchObject({ code: "CORRUPT" });
    const garbage = { ...deflatedEntry("a.xml", "<a/>"), data: new Uint8Array([0xff, 0xff, 0xff]) };
    await expect(assertSafeZip(buildRawZip([garbage]))).rejects.toMatchObject({ code: "CORRUPT" });
  });
});
