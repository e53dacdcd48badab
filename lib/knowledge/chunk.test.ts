import { describe, expect, it } from "vitest";
import { chunkDocument, type Chunk } from "./chunk";
import { prose } from "./test-fixtures";
import { countTokens } from "./token-count";
import type { ExtractedDocument } from "./types";

function expectVerbatim(doc: ExtractedDocument, chunks: Chunk[]): void {
  chunks.forEach((chunk, index) => {
    expect(chunk.index).toBe(index);
    expect(doc.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunk.tokenCount).toBe(countTokens(chunk.text));
  });
}

describe("chunkDocument", () => {
  it("keeps a short document in one chunk with its line range", async () => {
    const doc: ExtractedDocument = { kind: "text", text: "\n\nHello there.\nSecond line.\n", structure: "plain", sourceLines: true };
    const chunks = await chunkDocument(doc);
    expect(chunks).toEqual([
      {
        index: 0,
        text: "Hello there.\nSecond line.",
        tokenCount: countTokens("Hello there.\nSecond line."),
        start: 2,
        end: 27,
        headingPath: [],
        lines: { start: 3, end: 4 },
      },
    ]);
  });

  it("files Markdown chunks under their heading paths and packs small sections", async () => {
    const text = [
      "# Guide",
      "Short intro.",
      "## Install",
      prose(500, 2),
      "## Usage",
      "### CLI",
      "Run it.",
      "### API",
      "Call it.",
    ].join("\n");
    const doc: ExtractedDocument = { kind: "markdown", text, structure: "markdown", sourceLines: true };
    const chunks = await chunkDocument(doc, { chunkTokens: 200 });
    expectVerbatim(doc, chunks);

    expect(chunks[0]!.headingPath).toEqual(["Guide"]);
    expect(chunks[0]!.text).toBe("# Guide\nShort intro.");
    const install = chunks.filter((chunk) => chunk.headingPath.join(" > ") === "Guide > Install");
    expect(install.length).toBeGreaterThanOrEqual(3);
    expect(install[0]!.text.startsWith("## Install\n")).toBe(true);
    for (const chunk of install) expect(chunk.tokenCount).toBeLessThanOrEqual(200);
    const last = chunks.at(-1)!;
    expect(last.text).toBe("## Usage\n### CLI\nRun it.\n### API\nCall it.");
    expect(last.headingPath).toEqual(["Guide", "Usage"]);
    const usageLine = text.split("\n").indexOf("## Usage") + 1;
    expect(usageLine).toBeGreaterThan(5);
    expect(last.lines).toEqual({ start: usageLine, end: usageLine + 4 });
  });

  it("lets a heading without text of its own open the next section", async () => {
    const text = `Handbook\n========\n\n  ## Onboarding\n\n${prose(300, 9)}\n\n# Empty at the end\n`;
    const doc: ExtractedDocument = { kind: "markdown", text, structure: "markdown", sourceLines: true };
    const chunks = await chunkDocument(doc, { chunkTokens: 120 });
    expectVerbatim(doc, chunks);
    expect(chunks[0]!.text.startsWith("Handbook\n========\n\n  ## Onboarding\n")).toBe(true);
    expect(chunks[0]!.headingPath).toEqual(["Handbook", "Onboarding"]);
    expect(chunks.at(-1)!).toMatchObject({ text: "# Empty at the end", headingPath: ["Empty at the end"] });
  });

  it("trims the indentation of a heading that opens a long section", async () => {
    const text = `Intro line.\n   ## Indented\n${prose(300, 10)}`;
    const doc: ExtractedDocument = { kind: "markdown", text, structure: "markdown", sourceLines: true };
    const chunks = await chunkDocument(doc, { chunkTokens: 100 });
    expectVerbatim(doc, chunks);
    expect(chunks[1]!.text.startsWith("## Indented\n")).toBe(true);
    expect(chunks[1]!.lines!.start).toBe(2);
  });

  it("overlaps the pieces of a long section by about the configured share", async () => {
    const text = prose(1200, 3);
    const doc: ExtractedDocument = { kind: "text", text, structure: "plain", sourceLines: true };
    const chunks = await chunkDocument(doc, { chunkTokens: 100, overlapRatio: 0.2 });
    expectVerbatim(doc, chunks);
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(100);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i]!.start).toBeLessThan(chunks[i - 1]!.end);
      expect(chunks[i]!.start).toBeGreaterThan(chunks[i - 1]!.start);
    }
    const noOverlap = await chunkDocument(doc, { chunkTokens: 100, overlapRatio: 0 });
    for (let i = 1; i < noOverlap.length; i++) expect(noOverlap[i]!.start).toBeGreaterThanOrEqual(noOverlap[i - 1]!.end);
  });

  it("gives PDF chunks the pages they span and never the lines", async () => {
    const pageTexts = [prose(40, 4), prose(40, 5), prose(400, 6)];
    let text = "";
    const pages = pageTexts.map((pageText, i) => {
      if (text) text += "\n\n";
      const span = { page: i + 1, start: text.length, end: text.length + pageText.length };
      text += pageText;
      return span;
    });
    const doc: ExtractedDocument = { kind: "pdf", text, structure: "plain", pages, pageCount: 3, sourceLines: false };
    const chunks = await chunkDocument(doc, { chunkTokens: 150 });
    expectVerbatim(doc, chunks);
    expect(chunks[0]!.pages).toEqual({ start: 1, end: 2 });
    expect(chunks.slice(1).every((chunk) => chunk.pages?.start === 3 && chunk.pages.end === 3)).toBe(true);
    expect(chunks.every((chunk) => chunk.lines === undefined)).toBe(true);
  });

  it("splits code at its language's boundaries and reports line ranges", async () => {
    const fn = (name: string) =>
      `def ${name}(items):\n    total = 0\n    for item in items:\n        total += item.price * item.quantity\n    return total\n`;
    const text = Array.from({ length: 30 }, (_, i) => fn(`compute_${i}`)).join("\n");
    const doc: ExtractedDocument = { kind: "code", language: "python", text, structure: "code", sourceLines: true };
    const chunks = await chunkDocument(doc, { chunkTokens: 120, overlapRatio: 0 });
    expectVerbatim(doc, chunks);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.text.startsWith("def ")).toBe(true);
    const second = chunks[1]!;
    const firstLine = text.slice(0, second.start).split("\n").length;
    expect(second.lines).toEqual({ start: firstLine, end: firstLine + second.text.split("\n").length - 1 });
  });

  it("finds repeated text at its own position", async () => {
    const paragraph = prose(60, 7);
    const text = Array.from({ length: 6 }, () => paragraph).join("\n\n");
    const doc: ExtractedDocument = { kind: "text", text, structure: "plain", sourceLines: true };
    const chunks = await chunkDocument(doc, { chunkTokens: 100, overlapRatio: 0 });
    expectVerbatim(doc, chunks);
    expect(new Set(chunks.map((chunk) => chunk.start)).size).toBe(chunks.length);
  });

  it("counts special-token markers in documents as plain text", async () => {
    const doc: ExtractedDocument = { kind: "text", text: "Prompt ends with <|endoftext|> here.", structure: "plain", sourceLines: true };
    const [chunk] = await chunkDocument(doc);
    expect(chunk!.tokenCount).toBeGreaterThan(5);
  });

  it("rejects nonsensical options", async () => {
    const doc: ExtractedDocument = { kind: "text", text: "x", structure: "plain", sourceLines: true };
    await expect(chunkDocument(doc, { chunkTokens: 4 })).rejects.toThrow(RangeError);
    await expect(chunkDocument(doc, { overlapRatio: 0.9 })).rejects.toThrow(RangeError);
  });
});
