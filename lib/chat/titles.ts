import { TITLE_MAX_LENGTH } from "./schemas";

export const DEFAULT_TITLE = "New chat";

const TITLE_WORDS = 8;

const BLOCK_MARKERS = /^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/;
const LINK = /!?\[([^\]]*)\]\([^)]*\)/g;
// Emphasis only where it is markup: the run opens after a space or punctuation, closes before one,
// and hugs its text. `snake_case`, `a*b` and `ASN1_MAX_NAME_SIZE` have no such pair and stay.
const EMPHASIS = /(^|[\s([{"'])(\*\*\*|\*\*|\*|___|__|_|~~)(?=\S)(.+?)(?<=\S)\2(?=$|[\s)\]}.,:;!?"'])/g;
const IDENTIFIER = /^\w+$/;

function stripEmphasis(text: string): string {
  let previous;
  do {
    previous = text;
    // `__init__` is a Python name, not bold "init".
    text = text.replace(EMPHASIS, (run, before: string, marker: string, inner: string) =>
      marker.startsWith("__") && IDENTIFIER.test(inner) ? run : `${before}${inner}`,
    );
  } while (text !== previous);
  return text;
}

/** A line of Markdown as plain text; code spans keep their text exactly. */
function plainLine(line: string): string {
  return line
    .replace(BLOCK_MARKERS, "")
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part.slice(1, -1) : stripEmphasis(part.replace(LINK, "$1")).replace(/`/g, "")))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A short title from the first message: its first line without Markdown markup, at most a few
 * words, cut at a word boundary. Instant and free, so it never delays the answer.
 */
export function titleFromMessage(text: string): string {
  const firstLine =
    text
      .replace(/```[\s\S]*?(```|$)/g, " ")
      .split("\n")
      .map(plainLine)
      .find((line) => line !== "") ?? "";
  if (firstLine === "") return DEFAULT_TITLE;
  const words = firstLine.split(" ");
  let title = words.slice(0, TITLE_WORDS).join(" ");
  if (title.length > TITLE_MAX_LENGTH - 1) title = title.slice(0, TITLE_MAX_LENGTH - 1).replace(/\s+\S*$/, "");
  return words.length > TITLE_WORDS || title.length < firstLine.length ? `${title}…` : title;
}
