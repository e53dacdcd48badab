/** Colours for collaborators' cursors and presence dots: readable on white, distinct enough side by side. */
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

/** A stable colour per user id, so a person keeps their colour across tabs and reloads. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length]!;
}
