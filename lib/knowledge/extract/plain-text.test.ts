import { describe, expect, it } from "vitest";
import { utf8 } from "../test-fixtures";
import { extractPlainText } from "./plain-text";

describe("extractPlainText", () => {
  it("strips a UTF-8 BOM and normalises CRLF and CR line ends", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a\r\nb\rc\n")]);
    const doc = extractPlainText({ kind: "text", mime: "text/plain", extension: "txt", encoding: "utf-8" }, bytes);
    expect(doc).toEqual({ kind: "text", text: "a\nb\nc\n", structure: "plain", sourceLines: true });
  });

  it("keeps the language of code and marks Markdown as structured", () => {
    const code = extractPlainText({ kind: "code", mime: "text/plain", extension: "py", language: "python" }, utf8("x = 1\n"));
    expect(code).toMatchObject({ structure: "code", language: "python", sourceLines: true });
    const md = extractPlainText({ kind: "markdown", mime: "text/markdown", extension: "md" }, utf8("# A\n"));
    expect(md.structure).toBe("markdown");
  });

  it("decodes legacy Windows-1252 text", () => {
    const bytes = new Uint8Array(Buffer.from("Caf\xe9 \x93quoted\x94", "latin1"));
    const doc = extractPlainText({ kind: "text", mime: "text/plain", extension: "txt", encoding: "windows-1252" }, bytes);
    expect(doc.text).toBe("Café “quoted”");
  });
});
