import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "../observability/logger";
import { fingerprintSimilarity } from "./simhash";
import {
  DOCX_PACKAGE_PARTS,
  buildDocx,
  buildPdf,
  buildPng,
  buildRawZip,
  deflatedEntry,
  prose,
  utf8,
  zerosDeflateBomb,
} from "./test-fixtures";
import { ingestBuffer, type IngestResult, type IngestStage } from "./pipeline";

afterEach(() => {
  vi.restoreAllMocks();
});

function document(result: IngestResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.document;
}

describe("ingestBuffer", () => {
  it("runs every stage in order on a PDF and returns page-cited chunks", async () => {
    const stages: IngestStage[] = [];
    const bytes = buildPdf([prose(40, 1).split("\n"), [], prose(300, 2).split("\n")]);
    const result = await ingestBuffer({ name: "manual.pdf", bytes }, { chunkTokens: 120 }, (stage) => {
      stages.push(stage);
    });
    const doc = document(result);
    expect(stages).toEqual(["detecting", "extracting", "validating", "chunking"]);
    expect(doc).toMatchObject({ name: "manual.pdf", kind: "pdf", mime: "application/pdf", pageCount: 3 });
    expect(doc.pages!.map((page) => page.page)).toEqual([1, 3]);
    expect(doc.chunks.length).toBeGreaterThan(1);
    expect(doc.chunks.every((chunk) => chunk.pages && chunk.lines === undefined)).toBe(true);
    expect(doc.chunks[0]!.pages!.start).toBe(1);
    expect(doc.chunks.at(-1)!.pages).toEqual({ start: 3, end: 3 });
    expect(doc.quality.score).toBeGreaterThanOrEqual(75);
  });

  it("awaits an async stage listener before moving on", async () => {
    const events: string[] = [];
    await ingestBuffer({ name: "a.md", bytes: utf8(prose(40)) }, {}, async (stage) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${stage} saved`);
    });
    expect(events).toEqual(["detecting saved", "extracting saved", "validating saved", "chunking saved"]);
  });

  it("explains a scanned PDF", async () => {
    const result = await ingestBuffer({ name: "scan.pdf", bytes: buildPdf([[], [], []]) });
    expect(result).toEqual({
      ok: false,
      stage: "validating",
      code: "NO_TEXT",
      message: "This PDF has no extractable text (it may be scanned).",
      details: { quality: expect.objectContaining({ score: 0 }) },
    });
  });

  it("reports a corrupt PDF at the extracting stage", async () => {
    const bytes = utf8("%PDF-1.7\n% truncated upload, nothing else follows");
    expect(await ingestBuffer({ name: "broken.pdf", bytes })).toMatchObject({ ok: false, stage: "extracting", code: "CORRUPT" });
  });

  it("keeps Word headings as heading paths", async () => {
    const bytes = await buildDocx([
      { text: "Handbook", style: "Heading1" },
      { text: "Onboarding", style: "Heading2" },
      { text: prose(300, 4) },
      { text: "Payroll", style: "Heading2" },
      { text: prose(300, 5) },
    ]);
    const doc = document(await ingestBuffer({ name: "handbook.docx", bytes }, { chunkTokens: 150 }));
    expect(doc.kind).toBe("docx");
    const paths = new Set(doc.chunks.map((chunk) => chunk.headingPath.join(" > ")));
    expect(paths).toEqual(new Set(["Handbook > Onboarding", "Handbook > Payroll"]));
    expect(doc.chunks.every((chunk) => chunk.lines === undefined && chunk.pages === undefined)).toBe(true);
  });

  it("refuses a DOCX zip bomb at the extracting stage", async () => {
    const parts = Object.entries(DOCX_PACKAGE_PARTS).map(([name, content]) => deflatedEntry(name, content));
    const bomb = { name: "word/document.xml", data: zerosDeflateBomb(256), deflated: true, uncompressedSize: 256 * 1024 ** 2 };
    const result = await ingestBuffer({ name: "invoice.docx", bytes: buildRawZip([...parts, bomb]) });
    expect(result).toMatchObject({ ok: false, stage: "extracting", code: "UNSAFE_ARCHIVE" });
  });

  it("indexes HTML without its title or scripts", async () => {
    const html = `<html><head><title>Tab</title><script>var secret = 1;</script></head><body><h1>FAQ</h1><p>${prose(60, 6)}</p></body></html>`;
    const doc = document(await ingestBuffer({ name: "faq.html", bytes: utf8(html) }));
    expect(doc.text.startsWith("# FAQ\n\n")).toBe(true);
    expect(doc.text).not.toMatch(/Tab|secret/);
    expect(doc.chunks[0]!.headingPath).toEqual(["FAQ"]);
  });

  it("cites line ranges for code", async () => {
    const step = (i: number) => `export function step${i}(input: number): number {\n  return input * ${i} + ${i};\n}\n`;
    const source = Array.from({ length: 40 }, (_, i) => step(i)).join("\n");
    const doc = document(await ingestBuffer({ name: "steps.ts", bytes: utf8(source) }, { chunkTokens: 100 }));
    expect(doc).toMatchObject({ kind: "code", language: "typescript" });
    expect(doc.chunks[0]!.lines!.start).toBe(1);
    expect(doc.chunks.at(-1)!.lines!.end).toBe(source.trimEnd().split("\n").length);
  });

  it("gives the same content hash to the same text in different files, and a close fingerprint to an edit", async () => {
    const text = `# Notes\n\n${prose(300, 8)}\n`;
    const markdown = document(await ingestBuffer({ name: "notes.md", bytes: utf8(text) }));
    const crlf = document(await ingestBuffer({ name: "notes-copy.txt", bytes: utf8(text.replace(/\n/g, "\r\n")) }));
    const edited = document(await ingestBuffer({ name: "notes-v2.md", bytes: utf8(text.replace(/ the /, " one ")) }));
    expect(crlf.contentHash).toBe(markdown.contentHash);
    expect(edited.contentHash).not.toBe(markdown.contentHash);
    expect(fingerprintSimilarity(edited.fingerprint, markdown.fingerprint)).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ["a PNG renamed .md", "photo.md", buildPng(), {}, "detecting", "UNSUPPORTED_TYPE"],
    ["an empty file", "empty.md", new Uint8Array(0), {}, "detecting", "EMPTY"],
    ["a file over the limit", "big.md", utf8(prose(500)), { maxBytes: 1000 }, "detecting", "TOO_LARGE"],
    ["whitespace only", "blank.txt", utf8(" \n\n\t "), {}, "validating", "NO_TEXT"],
  ] as const)("refuses %s", async (_label, name, bytes, options, stage, code) => {
    const result = await ingestBuffer({ name, bytes }, options);
    expect(result).toMatchObject({ ok: false, stage, code });
    expect(result.ok || result.message.length > 10).toBe(true);
  });

  it("turns unexpected errors into INTERNAL and logs them", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const result = await ingestBuffer({ name: "a.md", bytes: utf8("# Hi") }, {}, (stage) => {
      if (stage === "chunking") throw new Error("database is down");
    });
    expect(result).toMatchObject({ ok: false, stage: "chunking", code: "INTERNAL" });
    expect(JSON.stringify(result)).not.toContain("database is down");
    expect(logged).toHaveBeenCalledOnce();
  });
});
