import mammoth from "mammoth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DOCX_PACKAGE_PARTS, buildDocx, buildRawZip, deflatedEntry, zerosDeflateBomb } from "../test-fixtures";
import { extractDocx } from "./docx";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("extractDocx", () => {
  it("converts headings and paragraphs to Markdown", async () => {
    const bytes = await buildDocx([
      { text: "User Guide", style: "Heading1" },
      { text: "Welcome to the product." },
      { text: "Installation", style: "Heading2" },
      { text: "Run the installer & follow the steps." },
    ]);
    const doc = await extractDocx(bytes);
    expect(doc).toEqual({
      kind: "docx",
      text: "# User Guide\n\nWelcome to the product.\n\n## Installation\n\nRun the installer & follow the steps.",
      structure: "markdown",
      sourceLines: false,
    });
  });

  it("refuses a zip bomb before mammoth sees it", async () => {
    const convert = vi.spyOn(mammoth, "convertToHtml");
    const parts = Object.entries(DOCX_PACKAGE_PARTS).map(([name, content]) => deflatedEntry(name, content));
    const bomb = { name: "word/document.xml", data: zerosDeflateBomb(512), deflated: true, uncompressedSize: 512 * 1024 ** 2 };
    await expect(extractDocx(buildRawZip([...parts, bomb]))).rejects.toMatchObject({ code: "UNSAFE_ARCHIVE" });
    expect(convert).not.toHaveBeenCalled();
    await extractDocx(await buildDocx([{ text: "A safe document." }]));
    expect(convert).toHaveBeenCalledOnce();
  });

  it("refuses a zip that is not a Word document as CORRUPT", async () => {
    const zip = buildRawZip([deflatedEntry("hello.txt", "hello")]);
    await expect(extractDocx(zip)).rejects.toMatchObject({ code: "CORRUPT" });
  });
});
