/**
 * Builds real documents for the knowledge tests in memory (no binary fixtures in the repository):
 * PDFs written as PDF syntax with a correct xref, DOCX packages made with jszip, and hand-assembled zips
 * for the archive-safety cases.
 */
import JSZip from "jszip";
import { constants, crc32, deflateRawSync, deflateSync } from "node:zlib";

/** A PDF with one page per entry, each page showing its lines in Helvetica; a page with no lines only draws a rectangle. */
export function buildPdf(pages: string[][]): Uint8Array {
  const objects: string[] = [];
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  const kids: string[] = [];
  let next = 4;
  for (const lines of pages) {
    const page = next++;
    const content = next++;
    const escaped = lines.map((line) => `(${line.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj T*`);
    const stream = lines.length > 0 ? `BT /F1 12 Tf 14 TL 72 720 Td ${escaped.join(" ")} ET` : "0 0 1 rg 100 100 200 200 re f";
    kids.push(`${page} 0 R`);
    objects[page] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`;
    objects[content] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages.length} >>`;

  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let i = 1; i < next; i++) {
    offsets.push(pdf.length);
    pdf += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = pdf.length;
  pdf += `xref\n0 ${next}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${next} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
}

export interface DocxParagraph {
  text: string;
  /** A paragraph style id such as "Heading1"; plain paragraph when absent. */
  style?: string;
}

const WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** The three parts every package has; returned so zip-level fixtures can reuse them. */
export const DOCX_PACKAGE_PARTS = {
  "[Content_Types].xml":
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
    "</Types>",
  "_rels/.rels":
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    "</Relationships>",
  "word/_rels/document.xml.rels":
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
    "</Relationships>",
};

function stylesXml(): string {
  const heading = (level: number) =>
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/></w:style>`;
  return `${XML_DECLARATION}<w:styles xmlns:w="${WORD_NS}">${[1, 2, 3].map(heading).join("")}</w:styles>`;
}

export function documentXml(paragraphs: DocxParagraph[]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paragraphs
    .map(({ text, style }) => {
      const properties = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
      return `<w:p>${properties}<w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;
    })
    .join("");
  return `${XML_DECLARATION}<w:document xmlns:w="${WORD_NS}"><w:body>${body}</w:body></w:document>`;
}

/** A Word document built with jszip, as Word lays out the package. */
export async function buildDocx(paragraphs: DocxParagraph[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(DOCX_PACKAGE_PARTS)) zip.file(name, content);
  zip.file("word/styles.xml", stylesXml());
  zip.file("word/document.xml", documentXml(paragraphs));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

export interface RawZipEntry {
  name: string;
  /** Stored as given: already deflated when `deflated` is set. */
  data: Uint8Array;
  deflated: boolean;
  /** What the headers claim; may lie. */
  uncompressedSize: number;
  crc?: number;
}

/** A zip assembled byte by byte, so sizes and contents can disagree the way hostile archives do. */
export function buildRawZip(entries: RawZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(entry.deflated ? 8 : 0, at);
      header.writeUInt32LE(entry.crc ?? 0, at + 6);
      header.writeUInt32LE(entry.data.byteLength, at + 10);
      header.writeUInt32LE(entry.uncompressedSize, at + 14);
      header.writeUInt16LE(name.length, at + 18);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 8);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 10);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A correctly deflated entry whose headers tell the truth. */
export function deflatedEntry(name: string, content: string | Uint8Array): RawZipEntry {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { name, data: deflateRawSync(bytes), deflated: true, uncompressedSize: bytes.byteLength, crc: crc32(bytes) };
}

/**
 * Deflate data for `megabytes` MiB of zeros, made without ever holding them: one MiB compressed and
 * sync-flushed to a byte boundary, repeated, then closed with an empty final block.
 */
export function zerosDeflateBomb(megabytes: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return new Uint8Array(Buffer.concat([...Array.from({ length: megabytes }, () => block), finalEmptyBlock]));
}

/** A valid 1×1 PNG. */
export function buildPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0]))),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** Reproducible noise (mulberry32), so a failure can be replayed. */
export function randomBytes(length: number, seed = 42): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return bytes;
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "utf8"));
}

/** Readable English-like prose of roughly `words` words, different for each seed. */
export function prose(words: number, seed = 1): string {
  const vocabulary = (
    "the a system document search index query result user team code review deploy server client cache " +
    "request response error retry token model embedding vector chunk page heading section release build test " +
    "config database schema migration queue worker job stage upload file format parser reader writer"
  ).split(" ");
  const noise = randomBytes(words, seed);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(vocabulary[noise[i]! % vocabulary.length]!);
    if (i % 12 === 11) out.push(".\n");
  }
  return out.join(" ").replace(/ \.\n /g, ".\n").trim();
}
