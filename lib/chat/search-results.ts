import type { RetrievedPassage } from "../ai/retrieved-passages";

const SHOWN = 3;
const EXCERPT_CHARS = 600;

function where(passage: RetrievedPassage): string {
  const { documentName, page, lineStart, lineEnd } = passage.source;
  const parts = [documentName, page !== undefined ? `p. ${page}` : "", lineStart !== undefined ? `lines ${lineStart}–${lineEnd ?? lineStart}` : ""];
  return parts.filter(Boolean).join(", ");
}

function quote(text: string): string {
  const trimmed = text.trim();
  const excerpt = trimmed.length > EXCERPT_CHARS ? `${trimmed.slice(0, EXCERPT_CHARS).trimEnd()}…` : trimmed;
  return excerpt
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** The answer when no AI provider is configured but the knowledge base has matches: the passages themselves. */
export function searchResultsAnswer(passages: readonly RetrievedPassage[]): string {
  const top = [...passages].sort((a, b) => a.citation - b.citation).slice(0, SHOWN);
  const blocks = top.map((p) => `**[${p.citation}]** ${where(p)}\n\n${quote(p.text)}`);
  return [
    "**Search results** — no AI model is configured, so here are the most relevant passages from your knowledge base instead of an answer:",
    ...blocks,
  ].join("\n\n");
}
