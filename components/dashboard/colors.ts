/** A stable colour per model: a hash of its name picks from a palette, so charts always agree. */
// Eight clearly different mid-tone hues (no two greens or blues), readable on the light and the dark theme.
const PALETTE = ["#1c7ed6", "#f76707", "#37b24d", "#d6336c", "#845ef7", "#fab005", "#868e96", "#15aabf"];

export function modelColor(model: string): string {
  let h = 2166136261;
  for (let i = 0; i < model.length; i++) {
    h ^= model.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}

export const SERIES = { blue: "#4c6ef5", orange: "#f76707", green: "#2f9e44", red: "#e03131", purple: "#be4bdb", teal: "#1098ad" };
