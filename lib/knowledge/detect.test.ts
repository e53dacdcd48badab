import { describe, expect, it } from "vitest";
import { detectDocument } from "./detect";
import { KnowledgeError } from "./errors";
import { buildDocx, buildPdf, buildPng, randomBytes, utf8 } from "./test-fixtures";

async function refusal(promise: Promise<unknown>): Promise<KnowledgeError> {
  const err = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(err).toBeInstanceOf(KnowledgeError);
  return err as KnowledgeError;
}

describe("detectDocument", () => {
  it("recognises a PDF by its magic bytes, whatever its name", async () => {
    const bytes = buildPdf([["Hello"]]);
    expect(await detectDocument({ name: "report.pdf", bytes })).toMatchObject({ kind: "pdf", mime: "application/pdf" });
    expect(await detectDocument({ name: "renamed.txt", bytes })).toMatchObject({ kind: "pdf", extension: "txt" });
  });

  it("recognises a DOCX built with jszip", async () => {
    const bytes = await buildDocx([{ text: "Hi" }]);
    expect(await detectDocument({ name: "notes.docx", bytes })).toMatchObject({ kind: "docx" });
  });

  it.each([
    ["README.md", "markdown", undefined],
    ["notes.txt", "text", undefined],
    ["page.html", "html", undefined],
    ["data.json", "json", undefined],
    ["config.yml", "yaml", undefined],
    ["table.csv", "csv", undefined],
    ["main.ts", "code", "typescript"],
    ["App.tsx", "code", "typescript"],
    ["index.mjs", "code", "javascript"],
    ["script.py", "code", "python"],
    ["main.go", "code", "go"],
    ["lib.rs", "code", "rust"],
    ["Main.java", "code", "java"],
    ["util.h", "code", "c"],
    ["engine.cc", "code", "cpp"],
    ["Program.cs", "code", "csharp"],
    ["app.rb", "code", "ruby"],
    ["index.php", "code", "php"],
    ["View.swift", "code", "swift"],
    ["Main.kt", "code", "kotlin"],
    ["Job.scala", "code", "scala"],
    ["deploy.bash", "code", "shell"],
    ["schema.sql", "code", "sql"],
    ["site.scss", "code", "scss"],
    ["Card.vue", "code", "vue"],
    ["Card.svelte", "code", "svelte"],
    ["src/Some.Dir/upper.PY", "code", "python"],
  ])("takes %s as %s", async (name, kind, language) => {
    const detected = await detectDocument({ name, bytes: utf8("let x = 1;\nsome text\n") });
    expect(detected.kind).toBe(kind);
    expect(detected.language).toBe(language);
    expect(detected.encoding).toBe("utf-8");
  });

  it("takes text with an unknown or missing extension as text, or as HTML when it starts like HTML", async () => {
    expect((await detectDocument({ name: "LICENSE", bytes: utf8("MIT License\n") })).kind).toBe("text");
    expect((await detectDocument({ name: "page", bytes: utf8("<!DOCTYPE html><p>x</p>") })).kind).toBe("html");
  });

  it("keeps a text file whose first bytes look like a magic number", async () => {
    expect((await detectDocument({ name: "cars.md", bytes: utf8("BMW and MZ motorcycles\n") })).kind).toBe("markdown");
  });

  it("reads a UTF-16 file with a byte-order mark and a legacy Windows-1252 file", async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("# Title\n", "utf16le")]);
    expect(await detectDocument({ name: "a.md", bytes: utf16 })).toMatchObject({ kind: "markdown", encoding: "utf-16le" });
    const latin = new Uint8Array(Buffer.from("Caf\xe9 cr\xe8me br\xfbl\xe9e\n", "latin1"));
    expect(await detectDocument({ name: "menu.txt", bytes: latin })).toMatchObject({ encoding: "windows-1252" });
  });

  it("refuses a PNG renamed .md, naming what it really is", async () => {
    const err = await refusal(detectDocument({ name: "diagram.md", bytes: buildPng() }));
    expect(err.code).toBe("UNSUPPORTED_TYPE");
    expect(err.message).toContain(".md");
    expect(err.message).toContain("PNG");
  });

  it("refuses random bytes renamed .md and random bytes without a name", async () => {
    expect((await refusal(detectDocument({ name: "notes.md", bytes: randomBytes(4096) }))).code).toBe("UNSUPPORTED_TYPE");
    expect((await refusal(detectDocument({ name: "blob", bytes: randomBytes(4096, 7) }))).code).toBe("UNSUPPORTED_TYPE");
  });

  it("refuses a text with NUL bytes as binary", async () => {
    const err = await refusal(detectDocument({ name: "a.txt", bytes: utf8("hello\0world") }));
    expect(err.code).toBe("UNSUPPORTED_TYPE");
  });

  it("refuses an empty file", async () => {
    const err = await refusal(detectDocument({ name: "empty.txt", bytes: new Uint8Array(0) }));
    expect(err.code).toBe("EMPTY");
    expect(err.status).toBe(422);
  });

  it("refuses a file over the configured limit before looking at its content", async () => {
    const err = await refusal(detectDocument({ name: "big.txt", bytes: utf8("x".repeat(2048)) }, { maxBytes: 1024 }));
    expect(err.code).toBe("TOO_LARGE");
    expect(err.status).toBe(413);
    expect(err.details).toEqual({ sizeBytes: 2048, limitBytes: 1024 });
    expect(err.message).toBe("This file is 2 KB; files up to 1 KB can be added.");
  });

  it("refuses other content named .pdf or .docx as corrupt", async () => {
    expect((await refusal(detectDocument({ name: "a.pdf", bytes: utf8("not a pdf") }))).code).toBe("CORRUPT");
    expect((await refusal(detectDocument({ name: "a.docx", bytes: utf8("not a docx") }))).code).toBe("CORRUPT");
    const png = await refusal(detectDocument({ name: "scan.pdf", bytes: buildPng() }));
    expect(png).toMatchObject({ code: "CORRUPT", message: "This file is named .pdf but is not a PDF (it looks like PNG)." });
  });

  it("explains old .doc files and password-protected .docx files (both OLE containers)", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    const old = await refusal(detectDocument({ name: "old.doc", bytes: ole }));
    expect(old.code).toBe("UNSUPPORTED_TYPE");
    expect(old.message).toContain(".docx");
    expect((await refusal(detectDocument({ name: "locked.docx", bytes: ole }))).code).toBe("ENCRYPTED");
  });
});
