import type { Citation } from "@/lib/chat/schemas";

/** The passage page, given the matched words to highlight there when the answer knew them. */
export function passageHref(passageId: string, terms?: readonly string[]): string {
  const path = `/knowledge/passages/${encodeURIComponent(passageId)}`;
  return terms && terms.length > 0 ? `${path}?q=${encodeURIComponent(terms.join(" "))}` : path;
}

/** Where a cited passage comes from, "runbook.md · p. 3" or "notes.md · lines 4–9"; null for citations stored without it. */
export function citationSource(c: Citation): string | null {
  if (!c.documentName) return null;
  if (c.page !== undefined) return `${c.documentName} · p. ${c.page}`;
  if (c.lineStart !== undefined) return c.lineEnd !== undefined && c.lineEnd !== c.lineStart ? `${c.documentName} · lines ${c.lineStart}–${c.lineEnd}` : `${c.documentName} · line ${c.lineStart}`;
  return c.documentName;
}

// Code (fenced or inline) is left alone: "[1]" there is code, not a citation.
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;

function markdownTitle(title: string | null): string {
  return title ? ` "${title.replace(/[\r\n]+/g, " ").replace(/["\\]/g, "\\$&")}"` : "";
}

/** Turns citation markers like [1] into Markdown links to the cited passages, titled with their source. */
export function linkCitations(text: string, citations: readonly Citation[] | undefined): string {
  if (!citations || citations.length === 0) return text;
  const byNumber = new Map(citations.map((c) => [c.citation, c]));
  return text
    .split(CODE)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/\[(\d{1,3})\](?![(:])/g, (marker, n: string) => {
            const cited = byNumber.get(Number(n));
            return cited ? `[\\[${n}\\]](${passageHref(cited.passageId, cited.terms)}${markdownTitle(citationSource(cited))})` : marker;
          }),
    )
    .join("");
}
