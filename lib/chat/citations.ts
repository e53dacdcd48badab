import type { RetrievedPassage } from "../ai/retrieved-passages";
import type { Citation } from "./schemas";

/**
 * The citations an answer stores: each passage's number and id, where it comes from (for the chip
 * "name · p. N"), and the question's words it contains (highlighted when the passage is opened).
 */
export function citationsFor(passages: readonly RetrievedPassage[]): Citation[] {
  return passages.map(({ id, citation, source, matchedTerms: terms = [] }) => {
    return {
      citation,
      passageId: id,
      documentName: source.documentName,
      ...(source.page !== undefined && { page: source.page }),
      ...(source.lineStart !== undefined && { lineStart: source.lineStart, lineEnd: source.lineEnd ?? source.lineStart }),
      ...(terms.length > 0 && { terms }),
    };
  });
}
