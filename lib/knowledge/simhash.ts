/** Similarity at or above which two fingerprints are treated as the same document with small edits. */
export const NEAR_DUPLICATE_SIMILARITY = 0.9;

const BITS = 64;
const SHINGLE_WORDS = 3;

/**
 * A 64-bit SimHash of a text's word 3-grams, as 16 hex digits. Texts that differ in a few words get
 * fingerprints a few bits apart; unrelated texts differ in about half of the bits.
 */
export function simhash(text: string): string {
  const words = text.normalize("NFKC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const weights = new Int32Array(BITS);
  const width = Math.min(SHINGLE_WORDS, words.length);
  for (let i = 0; i + width <= words.length && width > 0; i++) {
    const [high, low] = hash64(words.slice(i, i + width).join(" "));
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (high >>> bit) & 1 ? 1 : -1;
      weights[bit + 32]! += (low >>> bit) & 1 ? 1 : -1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) high |= 1 << bit;
    if (weights[bit + 32]! > 0) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

/** 1 for identical fingerprints, about 0.5 for unrelated texts: the share of equal bits. */
export function fingerprintSimilarity(a: string, b: string): number {
  const [aHigh, aLow] = parse(a);
  const [bHigh, bLow] = parse(b);
  return 1 - (popcount(aHigh ^ bHigh) + popcount(aLow ^ bLow)) / BITS;
}

export function isNearDuplicate(a: string, b: string, threshold = NEAR_DUPLICATE_SIMILARITY): boolean {
  return fingerprintSimilarity(a, b) >= threshold;
}

/** Two independent 32-bit multiplicative hashes (the cyrb53 construction without truncation). */
function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

function parse(fingerprint: string): [number, number] {
  if (!/^[0-9a-f]{16}$/.test(fingerprint)) throw new TypeError(`not a fingerprint: ${fingerprint}`);
  return [Number.parseInt(fingerprint.slice(0, 8), 16), Number.parseInt(fingerprint.slice(8), 16)];
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}

function popcount(value: number): number {
  let v = value >>> 0;
  let count = 0;
  while (v) {
    v &= v - 1;
    count++;
  }
  return count;
}
