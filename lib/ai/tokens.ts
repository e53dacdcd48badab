import { countTokens as countO200kTokens } from "gpt-tokenizer";

/**
 * Token counts with OpenAI's o200k_base encoding, offline. For other providers' models this is
 * an approximation (their tokenizers differ by roughly ±15%), which is why context assembly
 * keeps a safety margin.
 */
export function countTokens(text: string): number {
  if (text === "") return 0;
  // User text may contain strings like "<|endoftext|>"; count them as text, never as control tokens.
  return countO200kTokens(text, { disallowedSpecial: new Set() });
}

/** Role markers and separators that chat formats add around every message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function countMessageTokens(message: { content: string }): number {
  return countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;
}
