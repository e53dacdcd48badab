import type { RetrievedPassage } from "../ai/retrieved-passages";

/** What the chat asks the knowledge base before answering. */
export interface PassageQuery {
  userId: string;
  /** The room the conversation belongs to, for room-scoped knowledge; null outside rooms. */
  roomId: string | null;
  question: string;
  /** How many passages at most; the source's default when not set. */
  limit?: number;
}

/** Finds passages an answer may cite; lib/knowledge implements it, each process's composition root passes it in. */
export interface PassageSource {
  retrieve(q: PassageQuery): Promise<RetrievedPassage[]>;
}
