import mammoth from "mammoth";
import { KnowledgeError } from "../errors";
import type { ExtractedDocument } from "../types";
import { htmlToMarkdown } from "./html";
import { assertSafeZip, type ZipLimits } from "./zip-guard";

/** Images are dropped without being read; only their alt text reaches the Markdown. */
const SKIP_IMAGES = mammoth.images.imgElement(async () => ({ src: "" }));

/** Converts a .docx to Markdown through mammoth's HTML (headings stay headings), after the zip-bomb check. */
export async function extractDocx(bytes: Uint8Array, zipLimits?: Partial<ZipLimits>): Promise<ExtractedDocument> {
  await assertSafeZip(bytes, zipLimits);
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    ({ value: html } = await mammoth.convertToHtml({ buffer }, { convertImage: SKIP_IMAGES, externalFileAccess: false }));
  } catch {
    throw new KnowledgeError("CORRUPT", "This Word document is damaged and cannot be read.");
  }
  return { kind: "docx", text: htmlToMarkdown(html), structure: "markdown", sourceLines: false };
}
