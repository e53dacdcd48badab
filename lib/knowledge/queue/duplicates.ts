import type { Db } from "../../db/client";
import { fingerprintSimilarity, NEAR_DUPLICATE_SIMILARITY } from "../simhash";

/** Documents that count as present in their scope: usable now or waiting for review. */
const PRESENT = ["ready", "pending_approval", "indexing"];
/** How many recent documents of a scope a new one is compared with for near-duplicates. */
const CONFLICT_CANDIDATES = 2000;
/** Short learned answers differ in few shingles, so they are compared at a lower similarity. */
const LEARNED_SIMILARITY = 0.8;

interface ScopedDocument {
  id: string;
  userId: string | null;
  roomId: string | null;
  source: string;
  prompt: string | null;
}

function inScope(doc: ScopedDocument) {
  return { userId: doc.userId, roomId: doc.roomId, id: { not: doc.id }, status: { in: PRESENT } };
}

/** Another document of the scope with the same content (normalized text hash). */
export async function findDuplicate(db: Db, doc: ScopedDocument, contentHash: string): Promise<{ id: string; name: string } | null> {
  return db.knowledgeDocument.findFirst({
    where: { ...inScope(doc), contentHash },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true },
  });
}

function normalizePrompt(prompt: string): string {
  return prompt.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/**
 * A document of the scope that is nearly the same but not equal (a possible conflict between
 * versions), or, for learned items, one that answers the same question differently.
 */
export async function findConflict(
  db: Db,
  doc: ScopedDocument,
  contentHash: string,
  fingerprint: string,
): Promise<{ id: string; name: string } | null> {
  const learned = doc.source !== "upload";
  const candidates = await db.knowledgeDocument.findMany({
    where: { ...inScope(doc), fingerprint: { not: null }, NOT: { contentHash } },
    orderBy: { createdAt: "desc" },
    take: CONFLICT_CANDIDATES,
    select: { id: true, name: true, fingerprint: true, prompt: true, source: true },
  });
  const question = learned && doc.prompt ? normalizePrompt(doc.prompt) : null;
  const threshold = learned ? LEARNED_SIMILARITY : NEAR_DUPLICATE_SIMILARITY;
  let best: { id: string; name: string; similarity: number } | null = null;
  for (const candidate of candidates) {
    if (question && candidate.prompt && normalizePrompt(candidate.prompt) === question) {
      return { id: candidate.id, name: candidate.name };
    }
    const similarity = fingerprintSimilarity(fingerprint, candidate.fingerprint!);
    if (similarity >= threshold && (!best || similarity > best.similarity)) best = { id: candidate.id, name: candidate.name, similarity };
  }
  return best && { id: best.id, name: best.name };
}
