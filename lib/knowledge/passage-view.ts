import { z } from "zod";
import { usageEvent, type UsageEventSink } from "../analytics/usage-events";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireScopeAccess } from "./scope";

const passageIdSchema = z.string().regex(/^[1-9][0-9]{0,15}$/);

export interface PassageView {
  id: string;
  text: string;
  ordinal: number;
  headingPath: string[];
  pageStart: number | null;
  pageEnd: number | null;
  lineStart: number | null;
  lineEnd: number | null;
  demoted: number;
  document: { id: string; name: string; kind: string | null; source: string; status: string; chunkCount: number };
}

/**
 * A cited passage for its page, readable by whoever may read its document; opening it records a
 * `knowledge.citation_opened` event. NOT_FOUND carries `deleted: true` when the passage is gone.
 */
export async function openPassage(db: Db, userId: string, passageId: string, usage?: UsageEventSink): Promise<PassageView> {
  const id = passageIdSchema.safeParse(passageId);
  const chunk = id.success
    ? await db.knowledgeChunk.findUnique({
        where: { id: Number(id.data) },
        include: { document: { select: { id: true, name: true, kind: true, source: true, status: true, chunkCount: true, userId: true, roomId: true } } },
      })
    : null;
  // Passages go with their document, so a well-formed id that is gone was cited from a deleted one.
  if (id.success && !chunk) throw new AppError("NOT_FOUND", "This document was deleted.", { deleted: true });
  const doc = chunk?.document;
  if (!chunk || !doc || (doc.userId !== null && doc.userId !== userId)) throw new AppError("NOT_FOUND", "No such passage.");
  await requireScopeAccess(db, userId, { roomId: doc.roomId }, "read");
  await usage?.record([usageEvent("knowledge.citation_opened", { userId, roomId: doc.roomId }, { passageId: String(chunk.id) })]);
  return {
    id: String(chunk.id),
    text: chunk.text,
    ordinal: chunk.ordinal,
    headingPath: JSON.parse(chunk.headingPath) as string[],
    pageStart: chunk.pageStart,
    pageEnd: chunk.pageEnd,
    lineStart: chunk.lineStart,
    lineEnd: chunk.lineEnd,
    demoted: chunk.demotion,
    document: { id: doc.id, name: doc.name, kind: doc.kind, source: doc.source, status: doc.status, chunkCount: doc.chunkCount },
  };
}
