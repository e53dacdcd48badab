import { countTokens } from "./tokens";

/** A passage found in the team's documents, as retrieval hands it to the chat. */
export interface RetrievedPassage {
  id: string;
  /** The number the answer cites it by, e.g. 1 for [1]. */
  citation: number;
  text: string;
  source: {
    /** The document the passage is in, when the source knows it. */
    documentId?: string;
    documentName: string;
    page?: number;
    lineStart?: number;
    lineEnd?: number;
    /** Headings from the document's top level down to the passage. */
    headingPath?: string[];
  };
  /** The question's words this passage contains, highlighted when the passage is opened. */
  matchedTerms?: string[];
}

const PASSAGES_HEADER =
  "## Retrieved passages\n" +
  "Excerpts from the team's documents. When you use one, cite it by its number in square brackets, e.g. [1].";

function formatSourceLine(passage: RetrievedPassage): string {
  const { documentName, page, lineStart, lineEnd, headingPath } = passage.source;
  const where = [
    documentName,
    page !== undefined ? `p. ${page}` : undefined,
    lineStart !== undefined ? `lines ${lineStart}–${lineEnd ?? lineStart}` : undefined,
  ].filter(Boolean);
  const headings = headingPath && headingPath.length > 0 ? ` — ${headingPath.join(" › ")}` : "";
  return `[${passage.citation}] ${where.join(", ")}${headings}`;
}

function formatPassage(passage: RetrievedPassage): string {
  return `${formatSourceLine(passage)}\n${passage.text.trim()}`;
}

export interface PassagesSection {
  text: string;
  tokens: number;
  included: string[];
  dropped: string[];
}

/**
 * As many passages as fit in `maxTokens`, in citation order; a passage that does not fit is
 * dropped whole and smaller ones after it may still go in. Citation numbers are kept as given.
 */
export function buildPassagesSection(passages: readonly RetrievedPassage[], maxTokens: number): PassagesSection {
  const ordered = [...passages].sort((a, b) => a.citation - b.citation);
  const headerTokens = countTokens(PASSAGES_HEADER);
  const blocks: string[] = [];
  const included: string[] = [];
  const dropped: string[] = [];
  let used = headerTokens;
  for (const passage of ordered) {
    const block = formatPassage(passage);
    const cost = countTokens(`\n\n${block}`);
    if (used + cost <= maxTokens) {
      blocks.push(block);
      included.push(passage.id);
      used += cost;
    } else {
      dropped.push(passage.id);
    }
  }
  if (blocks.length === 0) return { text: "", tokens: 0, included, dropped };
  return { text: [PASSAGES_HEADER, ...blocks].join("\n\n"), tokens: used, included, dropped };
}
