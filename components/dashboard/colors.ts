/** A stable colour per model: a hash of its name picks from a palette, so charts always agree. */
const PALETTE = ["#3b5bdb", "#e8590c", "#2b8a3e", "#ae3ec9", "#1098ad", "#f08c00", "#c2255c", "#5c940d", "#7048e8", "#0b7285"];

export function modelColor(model: string): string {
  let h = 2166136261;
  for (let i = 0; i < model.length; i++) {
    h ^= model.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}

export const SERIES = { blue: "#3b5bdb", orange: "#e8590c", green: "#2b8a3e", red: "#c92a2a", purple: "#ae3ec9", teal: "#1098ad" };
