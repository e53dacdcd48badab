import { describe, expect, it } from "vitest";
import { KnowledgeError } from "./errors";
import { assessQuality } from "./quality";
import { prose } from "./test-fixtures";
import type { ExtractedDocument } from "./types";
import { contentHash, validateDocument } from "./validate";

const textDoc = (text: string, extra: Partial<ExtractedDocument> = {}): ExtractedDocument => ({
  kind: "text",
  text,
  structure: "plain",
  sourceLines: true,
  ...extra,
});

const issues = (text: string, extra: Partial<ExtractedDocument> = {}) =>
  assessQuality(textDoc(text, extra)).reasons.map((reason) => reason.issue);

describe("contentHash", () => {
  it("is the same for text that differs only in whitespace or Unicode form", () => {
    const hash = contentHash("Café  au lait\nis good");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash("  Cafe\u0301 au lait is\tgood \n")).toBe(hash);
  });

  it("differs when the words differ", () => {
    expect(contentHash("Café au lait is good")).not.toBe(contentHash("Café au lait is bad"));
  });
});

describe("assessQuality", () => {
  it("gives clean prose 100 with no reasons", () => {
    expect(assessQuality(textDoc(prose(300)))).toEqual({ score: 100, reasons: [] });
  });

  it("flags very short text", () => {
    const report = assessQuality(textDoc("Just a note."));
    expect(report.reasons).toEqual([{ issue: "TOO_SHORT", message: "Very little text: under 20 characters.", penalty: 50 }]);
    expect(report.score).toBe(50);
  });

  it("flags decoding garbage", () => {
    const garbled = `${prose(50)} ${"\uFFFD\uE001\u0001".repeat(60)}`;
    expect(issues(garbled)).toContain("GARBLED");
    expect(assessQuality(textDoc(garbled)).score).toBeLessThan(40);
  });

  it("flags mojibake", () => {
    const mojibake = prose(200).replace(/e/g, "Ã©").replace(/ the /g, " â€™the ");
    expect(issues(mojibake)).toContain("MOJIBAKE");
    expect(issues(prose(200).replace(/e/g, "é"))).not.toContain("MOJIBAKE");
  });

  it("flags text that is mostly symbols, more leniently for code", () => {
    const symbols = "=> {} [] ;; -- ++ ** // << >> || && !! ?? :: ## %% ^^ @@ $$ a1\n".repeat(20);
    expect(issues(symbols)).toContain("FEW_WORD_CHARACTERS");
    const terse = "if (a[i] !== b[j]) { c[k] = (d + e) * f; }\n".repeat(5);
    expect(issues(terse)).toContain("FEW_WORD_CHARACTERS");
    expect(issues(terse, { kind: "code", structure: "code" })).not.toContain("FEW_WORD_CHARACTERS");
  });

  it("flags mostly repeated lines", () => {
    const repeated = `${"Confidential - do not distribute\n".repeat(40)}${prose(30)}`;
    const report = assessQuality(textDoc(repeated));
    expect(report.reasons.map((reason) => reason.issue)).toEqual(["REPEATED_LINES"]);
    expect(report.reasons[0]!.message).toMatch(/^\d+% of the lines are repeats/);
  });

  it("flags PDFs with little text per page", () => {
    expect(issues("Page 1 2 3 4 5 6 7 8 9 10 11 12 and some words here", { kind: "pdf", pageCount: 12 })).toContain(
      "SPARSE_PAGES",
    );
    expect(issues(prose(300), { kind: "pdf", pageCount: 2 })).not.toContain("SPARSE_PAGES");
  });

  it("samples long texts instead of reading all of them", () => {
    const long = prose(120_000);
    expect(long.length).toBeGreaterThan(8 * 25_000);
    expect(assessQuality(textDoc(long)).score).toBe(100);
  });
});

describe("validateDocument", () => {
  it("returns hash, fingerprint and quality for good text", () => {
    const text = prose(200);
    const report = validateDocument(textDoc(text));
    expect(report.contentHash).toBe(contentHash(text));
    expect(report.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(report.quality.score).toBe(100);
  });

  it("refuses a PDF without text as NO_TEXT with a helpful message", () => {
    const pdf = textDoc("  \n ", { kind: "pdf", pageCount: 3, pages: [] });
    expect(() => validateDocument(pdf)).toThrow(
      expect.objectContaining({ code: "NO_TEXT", message: "This PDF has no extractable text (it may be scanned)." }),
    );
  });

  it("refuses low-quality text as LOW_QUALITY, listing the reasons", () => {
    let err: unknown;
    try {
      validateDocument(textDoc("\uFFFD\uFFFD\uFFFD \u0001\u0002 ####"));
    } catch (caught) {
      err = caught;
    }
    expect(err).toBeInstanceOf(KnowledgeError);
    expect((err as KnowledgeError).code).toBe("LOW_QUALITY");
    expect((err as KnowledgeError).message).toContain("unreadable");
    expect((err as KnowledgeError).details?.quality).toMatchObject({ score: 0 });
  });

  it("lets the threshold be configured", () => {
    expect(validateDocument(textDoc("Just a note."), { minQualityScore: 50 }).quality.score).toBe(50);
    expect(() => validateDocument(textDoc("Just a note."), { minQualityScore: 51 })).toThrow(
      expect.objectContaining({ code: "LOW_QUALITY" }),
    );
  });
});
