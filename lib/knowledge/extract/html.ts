import TurndownService from "turndown";
import { KnowledgeError } from "../errors";
import { decodeText } from "../text-encoding";
import type { ExtractedDocument, TextEncoding } from "../types";

/** Elements whose content is never document text. */
const NON_CONTENT_TAGS = new Set([
  "head",
  "title",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "canvas",
  "svg",
]);

let service: TurndownService | undefined;

function turndown(): TurndownService {
  if (service) return service;
  service = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", hr: "---" });
  service.remove((node) => NON_CONTENT_TAGS.has(node.nodeName.toLowerCase()));
  // Images carry no text; their alt text is the only part worth indexing.
  service.addRule("imageAltText", {
    filter: "img",
    replacement: (_content, node) => (node as HTMLElement).getAttribute("alt")?.trim() ?? "",
  });
  // Without a rule every table cell becomes its own paragraph; rows of "| a | b |" keep what belongs together.
  service.addRule("tableCell", {
    filter: ["th", "td"],
    replacement: (content) => ` ${content.replace(/\s+/g, " ").trim()} |`,
  });
  service.addRule("tableRow", { filter: "tr", replacement: (content) => `\n|${content}` });
  service.addRule("tableSection", { filter: ["thead", "tbody", "tfoot"], replacement: (content) => content });
  service.addRule("table", { filter: "table", replacement: (content) => `\n\n${content.trim()}\n\n` });
  // Markdown escapes (\*, 1\.) would end up in the indexed text and in citations; the text is read, not rendered.
  service.escape = (text) => text;
  return service;
}

/** Converts HTML to Markdown, keeping headings, lists, tables' text and code blocks. */
export function htmlToMarkdown(html: string): string {
  let markdown: string;
  try {
    markdown = turndown().turndown(html);
  } catch {
    throw new KnowledgeError("CORRUPT", "This HTML could not be converted to text.");
  }
  return markdown
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function extractHtml(bytes: Uint8Array, encoding: TextEncoding): ExtractedDocument {
  return { kind: "html", text: htmlToMarkdown(decodeText(bytes, encoding)), structure: "markdown", sourceLines: false };
}
