import { extractText, getDocumentProxy } from "unpdf";
import { KnowledgeError } from "../errors";
import type { ExtractedDocument, PageSpan } from "../types";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

const PAGE_SEPARATOR = "\n\n";

/** Extracts the text layer page by page; pages without text are counted but hold no span. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  const pdf = await openPdf(bytes);
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    return { ...joinPages(text.map(normalizePageText)), pageCount: totalPages };
  } catch {
    throw new KnowledgeError("CORRUPT", "This PDF is damaged and its text cannot be read.");
  } finally {
    await pdf.destroy();
  }
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // A copy, because pdf.js may transfer the buffer it is given; verbosity 0 keeps its warnings off the console.
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (err) {
    if (err instanceof Error && err.name === "PasswordException") {
      throw new KnowledgeError("ENCRYPTED", "This PDF is password-protected. Remove the password and try again.");
    }
    throw new KnowledgeError("CORRUPT", "This PDF is damaged and cannot be opened.");
  }
}

function normalizePageText(text: string): string {
  return text
    .replace(/\0/g, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function joinPages(pageTexts: string[]): Pick<ExtractedDocument, "kind" | "text" | "structure" | "pages" | "sourceLines"> {
  const pages: PageSpan[] = [];
  let text = "";
  pageTexts.forEach((pageText, index) => {
    if (!pageText) return;
    if (text) text += PAGE_SEPARATOR;
    pages.push({ page: index + 1, start: text.length, end: text.length + pageText.length });
    text += pageText;
  });
  return { kind: "pdf", text, structure: "plain", pages, sourceLines: false };
}
