import type { Citation } from "../api-schemas";

/** "handbook.pdf, p. 3, § Deployment" */
export function formatCitation(citation: Citation): string {
  return [citation.documentName, citation.page !== null ? `p. ${citation.page}` : null, citation.heading ? `§ ${citation.heading}` : null]
    .filter((part) => part !== null)
    .join(", ");
}
