import { z } from "zod";

// With the u flag a valid surrogate pair reads as one code point; only a lone half is category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

export const NOT_WELL_FORMED_MESSAGE = "Contains a broken character (half of an emoji or symbol). Remove it and try again.";

/** Well-formed Unicode (what `String.prototype.isWellFormed` checks): what databases and UTF-8 encoders accept. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * The string schema for any text a user sends: a lone UTF-16 surrogate (`"\ud800"`) is refused
 * at the boundary with VALIDATION_FAILED instead of failing later in the database as a 500.
 */
export function userText() {
  return z.string().refine(isWellFormedText, NOT_WELL_FORMED_MESSAGE);
}
