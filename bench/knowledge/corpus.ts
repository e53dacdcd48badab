import { buildPdf } from "../../lib/knowledge/test-fixtures";

/** A seeded generator so every run measures the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ka lo mi re su ta ne vo pi da gu ze ri fo bu an el or is un".split(" ");

/** A vocabulary of made-up words; drawn with a Zipf-like skew so term frequencies look like prose. */
export function vocabulary(size: number, seed = 7): string[] {
  const random = rng(seed);
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(""));
  }
  return [...words];
}

function zipfPicker(words: readonly string[], random: () => number): () => string {
  // Inverse-CDF sampling of p(rank) ∝ 1 / rank, by binary search over the cumulative weights.
  const cdf = new Float64Array(words.length);
  let total = 0;
  for (let i = 0; i < words.length; i++) cdf[i] = total += 1 / (i + 1);
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

function sentence(pick: () => string, random: () => number): string {
  const n = 8 + Math.floor(random() * 12);
  const words = Array.from({ length: n }, pick);
  return `${words[0]![0]!.toUpperCase()}${words.join(" ").slice(1)}.`;
}

/** A Markdown document of about `bytes` bytes with nested headings. */
export function markdownDocument(bytes: number, seed: number, words: readonly string[]): string {
  const random = rng(seed);
  const pick = zipfPicker(words, random);
  const parts: string[] = [];
  let size = 0;
  for (let section = 1; size < bytes; section++) {
    const heading = section % 4 === 1 ? `# ${pick()} ${pick()}` : `## ${pick()} ${pick()} ${pick()}`;
    const paragraph = Array.from({ length: 4 + Math.floor(random() * 4) }, () => sentence(pick, random)).join(" ");
    parts.push(heading, "", paragraph, "");
    size += heading.length + paragraph.length + 3;
  }
  return parts.join("\n");
}

/** A TypeScript file of about `bytes` bytes: functions with comments. */
export function codeDocument(bytes: number, seed: number, words: readonly string[]): string {
  const random = rng(seed);
  const pick = zipfPicker(words, random);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const fn = `export function ${pick()}${i}(${pick()}: number, ${pick()}: string): string {\n  // ${sentence(pick, random)}\n  const ${pick()}${i} = ${Math.floor(random() * 1000)};\n  return \`\${${pick()}${i}}-${pick()}\`;\n}\n`;
    parts.push(fn);
    size += fn.length;
  }
  return parts.join("\n");
}

/** A PDF of `pages` pages of text lines. */
export function pdfDocument(pages: number, seed: number, words: readonly string[]): Uint8Array {
  const random = rng(seed);
  const pick = zipfPicker(words, random);
  return buildPdf(Array.from({ length: pages }, () => Array.from({ length: 40 }, () => sentence(pick, random).slice(0, 90))));
}

/** Chunk texts of about 300 words for the search benchmark. */
export function chunkTexts(count: number, seed: number, words: readonly string[]): string[] {
  const random = rng(seed);
  const pick = zipfPicker(words, random);
  return Array.from({ length: count }, () => Array.from({ length: 18 }, () => sentence(pick, random)).join(" "));
}

/** Questions of 3–6 words drawn from the same distribution as the chunks. */
export function questions(count: number, seed: number, words: readonly string[]): string[] {
  const random = rng(seed);
  const pick = zipfPicker(words.slice(20), random);
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(random() * 4) }, pick).join(" "));
}
