/** A stable colour per model: a hash of its name picks from a palette, so charts always agree. */
// Eight clearly different hues (no two greens or blues), readable on white.
const PALETTE = ["#1c7ed6", "#f76707", "#37b24d", "#d6336c", "#7048e8", "#fab005", "#495057", "#15aabf"];

export function modelColor(model: string): string {
  let h = 2166136261;
  for (let i = 0; i < model.length; i++) {
    h ^= model.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}

export const SERIES = { blue: "#3b5bdb", orange: "#e8590c", green: "#2b8a3e", red: "#c92a2a", purple: "#ae3ec9", teal: "#1098ad" };
