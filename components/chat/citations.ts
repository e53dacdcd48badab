import type { Citation } from "@/lib/chat/schemas";

export function passageHref(passageId: string): string {
  return `/knowledge/passages/${encodeURIComponent(passageId)}`;
}

// Code (fenced or inline) is left alone: "[1]" there is code, not a citation.
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;

/** Turns citation markers like [1] into Markdown links to the cited passages. */
export function linkCitations(text: string, citations: readonly Citation[] | undefined): string {
  if (!citations || citations.length === 0) return text;
  const byNumber = new Map(citations.map((c) => [c.citation, c.passageId]));
  return text
    .split(CODE)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/\[(\d{1,3})\](?![(:])/g, (marker, n: string) => {
            const passageId = byNumber.get(Number(n));
            return passageId ? `[\\[${n}\\]](${passageHref(passageId)})` : marker;
          }),
    )
    .join("");
}
