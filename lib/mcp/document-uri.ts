/** How MCP names a knowledge document: `eca://documents/{id}`. */
export const DOCUMENT_URI_TEMPLATE = "eca://documents/{id}";

const DOCUMENT_URI = /^eca:\/\/documents\/([^/?#]+)$/;

export function documentUri(id: string): string {
  return `eca://documents/${encodeURIComponent(id)}`;
}

/** The document id a URI names, or null when it names no document. */
export function documentIdOf(uri: string): string | null {
  const match = DOCUMENT_URI.exec(uri);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}
