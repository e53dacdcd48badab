import { z } from "zod";
import type { Citation as StoredCitation } from "../chat/schemas";
import type { Db } from "../db/client";

const EXCERPT_MAX_CHARS = 400;

export const apiCitationSchema = z
  .object({
    documentId: z.string(),
    documentName: z.string(),
    page: z.number().int().nullable(),
    heading: z.string().nullable().meta({ description: "The headings above the passage, joined with ›." }),
    excerpt: z.string().meta({ description: `The passage's text, cut at ${EXCERPT_MAX_CHARS} characters.` }),
  })
  .meta({ id: "Citation" });
export type ApiCitation = z.infer<typeof apiCitationSchema>;

interface PassageRow {
  documentId: string;
  documentName: string;
  text: string;
  headingPath: string[];
  pageStart: number | null;
}

function excerptOf(text: string): string {
  const clean = text.trim();
  return clean.length > EXCERPT_MAX_CHARS ? `${clean.slice(0, EXCERPT_MAX_CHARS - 1)}…` : clean;
}

export function citationOfPassage(row: PassageRow): ApiCitation {
  return {
    documentId: row.documentId,
    documentName: row.documentName,
    page: row.pageStart,
    heading: row.headingPath.length > 0 ? row.headingPath.join(" › ") : null,
    excerpt: excerptOf(row.text),
  };
}


/**
 * Stored citations (passage ids, lib/chat) as the API shows them, with the document and passage
 * they point to. A citation whose document was deleted since has nothing to point to and is left out.
 */
export async function resolveCitations(db: Db, stored: readonly StoredCitation[][]): Promise<ApiCitation[][]> {
  const ids = [...new Set(stored.flat().map((c) => Number(c.passageId)).filter(Number.isSafeInteger))];
  const rows =
    ids.length === 0
      ? []
      : await db.knowledgeChunk.findMany({
          where: { id: { in: ids } },
          select: { id: true, text: true, headingPath: true, pageStart: true, document: { select: { id: true, name: true } } },
        });
  const byId = new Map(
    rows.map((row) => [
      String(row.id),
      citationOfPassage({ documentId: row.document.id, documentName: row.document.name, text: row.text, headingPath: JSON.parse(row.headingPath) as string[], pageStart: row.pageStart }),
    ]),
  );
  return stored.map((list) => list.flatMap((c) => byId.get(c.passageId) ?? []));
}
