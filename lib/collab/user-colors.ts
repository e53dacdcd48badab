/** Colours for collaborators' cursors and presence dots: readable on white, distinct side by side. */
export const USER_COLORS = [
  "#d9480f",
  "#1c7ed6",
  "#2b8a3e",
  "#ae3ec9",
  "#e67700",
  "#0c8599",
  "#c2255c",
  "#5f3dc4",
] as const;

/**
 * A colour per person present, the same on every client (it depends only on who is there): people
 * in sorted id order take the palette in turn, so up to eight people never share a colour.
 */
export function assignColors(userIds: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(userIds)].sort();
  return new Map(sorted.map((id, i) => [id, USER_COLORS[i % USER_COLORS.length]!]));
}
