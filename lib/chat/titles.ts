import { TITLE_MAX_LENGTH } from "./schemas";

export const DEFAULT_TITLE = "New chat";

const TITLE_WORDS = 8;

/**
 * A short title from the first message: its first line without Markdown noise, at most a few
 * words, cut at a word boundary. Instant and free, so it never delays the answer.
 */
export function titleFromMessage(text: string): string {
  const firstLine =
    text
      .replace(/```[\s\S]*?(```|$)/g, " ")
      .split("\n")
      .map((line) => line.replace(/[#>*_`~[\]()]/g, " ").replace(/\s+/g, " ").trim())
      .find((line) => line !== "") ?? "";
  if (firstLine === "") return DEFAULT_TITLE;
  const words = firstLine.split(" ");
  let title = words.slice(0, TITLE_WORDS).join(" ");
  if (title.length > TITLE_MAX_LENGTH - 1) title = title.slice(0, TITLE_MAX_LENGTH - 1).replace(/\s+\S*$/, "");
  return words.length > TITLE_WORDS || title.length < firstLine.length ? `${title}…` : title;
}
