import { countTokens as countO200kTokens } from "gpt-tokenizer";

// Prompts repeat the same long texts turn after turn (the history, the open file), and counting
// runs at roughly 20 MB/s: long texts' counts are remembered, most recently used first, within a
// bound on the characters held.
const REMEMBER_FROM_CHARS = 256;
const REMEMBERED_CHARS_MAX = 4_000_000;
const remembered = new Map<string, number>();
let rememberedChars = 0;

function count(text: string): number {
  // User text may contain strings like "<|endoftext|>"; count them as text, never as control tokens.
  return countO200kTokens(text, { disallowedSpecial: new Set() });
}

function remember(text: string, tokens: number): void {
  remembered.set(text, tokens);
  rememberedChars += text.length;
  for (const oldest of remembered.keys()) {
    if (rememberedChars <= REMEMBERED_CHARS_MAX) break;
    remembered.delete(oldest);
    rememberedChars -= oldest.length;
  }
}

/**
 * Token counts with OpenAI's o200k_base encoding, offline. For other providers' models this is
 * an approximation (their tokenizers differ by roughly ±15%), which is why context assembly
 * keeps a safety margin.
 */
export function countTokens(text: string): number {
  if (text === "") return 0;
  if (text.length < REMEMBER_FROM_CHARS || text.length > REMEMBERED_CHARS_MAX / 8) return count(text);
  const known = remembered.get(text);
  if (known !== undefined) {
    remembered.delete(text);
    remembered.set(text, known);
    return known;
  }
  const tokens = count(text);
  remember(text, tokens);
  return tokens;
}

/** Role markers and separators that chat formats add around every message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function countMessageTokens(message: { content: string }): number {
  return countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;
}
