import { describe, expect, it } from "vitest";
import { buildPdf } from "../test-fixtures";
import { extractPdf } from "./pdf";

describe("extractPdf", () => {
  it("extracts text per page and records where each page sits in the text", async () => {
    const doc = await extractPdf(buildPdf([["Alpha line one", "Alpha line two"], [], ["Gamma (third) page"]]));
    expect(doc.text).toBe("Alpha line one\nAlpha line two\n\nGamma (third) page");
    expect(doc.pageCount).toBe(3);
    expect(doc.pages).toEqual([
      { page: 1, start: 0, end: 29 },
      { page: 3, start: 31, end: 49 },
    ]);
    for (const span of doc.pages ?? []) expect(doc.text.slice(span.start, span.end)).not.toMatch(/^\s|\s$/);
    expect(doc.text.slice(31, 49)).toBe("Gamma (third) page");
  });

  it("leaves the caller's bytes intact", async () => {
    const bytes = buildPdf([["Hello"]]);
    const copy = bytes.slice();
    await extractPdf(bytes);
    expect(bytes).toEqual(copy);
  });

  it("returns empty text for pages without a text layer", async () => {
    const doc = await extractPdf(buildPdf([[], []]));
    expect(doc.text).toBe("");
    expect(doc.pages).toEqual([]);
    expect(doc.pageCount).toBe(2);
  });

  it("refuses a PDF whose structure is broken as CORRUPT", async () => {
    const broken = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\ngarbage without xref", "latin1"));
    await expect(extractPdf(broken)).rejects.toMatchObject({ code: "CORRUPT" });
  });
});
