import { z } from "zod";
import type { RetrievedPassage } from "../ai/retrieved-passages";
import { roomIdSchema } from "../collab/room-schemas";
import { userText } from "../forms/text";
import { requireScopeAccess } from "../knowledge/scope";
import { documentUri } from "./document-uri";
import { defineTool, type ToolOutput } from "./tool";

const MAX_PASSAGES = 20;

const searchInput = z.object({
  query: userText().trim().min(1, "Say what to search for.").max(1_000).describe("What to look for, in plain words"),
  roomId: roomIdSchema.optional().describe("Also search this room's knowledge (you must be a member)"),
  limit: z.number().int().min(1).max(MAX_PASSAGES).default(6).describe(`How many passages at most (1-${MAX_PASSAGES})`),
});

/** A passage as the tools cite it: where it is, what it says, and the document resource it is in. */
export function citedPassage(p: RetrievedPassage) {
  const { documentId, documentName, page, lineStart, lineEnd, headingPath } = p.source;
  return {
    citation: p.citation,
    passageId: p.id,
    documentName,
    ...(documentId !== undefined && { documentId, uri: documentUri(documentId) }),
    ...(page !== undefined && { page }),
    ...(lineStart !== undefined && { lineStart, lineEnd: lineEnd ?? lineStart }),
    ...(headingPath && headingPath.length > 0 && { headingPath }),
    text: p.text,
  };
}

/** Each document the passages come from, once, as a resource link. */
export function documentLinks(passages: readonly RetrievedPassage[]): NonNullable<ToolOutput["links"]> {
  const links = new Map<string, string>();
  for (const { source } of passages) if (source.documentId !== undefined) links.set(source.documentId, source.documentName);
  return [...links].map(([id, name]) => ({ uri: documentUri(id), name }));
}

export const searchKnowledgeTool = defineTool({
  name: "search_knowledge",
  title: "Search the team's knowledge",
  description:
    "Finds passages in the documents of your knowledge base (and of a room, given its id) that match the query, " +
    "each with its document, page or lines and heading. Needs the knowledge:read scope.",
  scope: "knowledge:read",
  input: searchInput,
  readOnly: true,
  async run({ deps, principal }, input) {
    const userId = principal.user.id;
    // A room the caller is not in is NOT_FOUND, as on every other surface.
    if (input.roomId) await requireScopeAccess(deps.db, userId, { roomId: input.roomId }, "read");
    const passages = await deps.passages.retrieve({ userId, roomId: input.roomId ?? null, question: input.query, limit: input.limit });
    const items = passages.map(citedPassage);
    return { text: JSON.stringify({ items }, null, 2), structured: { items }, links: documentLinks(passages) };
  },
});
