import { countTokens as countCl100kTokens } from "gpt-tokenizer/encoding/cl100k_base";

/** Special-token markers such as "<|endoftext|>" in a document are ordinary text, not an error. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens in cl100k_base, the encoding of OpenAI's text-embedding-3 models; close enough for other embedders. */
export function countTokens(text: string): number {
  return countCl100kTokens(text, AS_PLAIN_TEXT);
}
