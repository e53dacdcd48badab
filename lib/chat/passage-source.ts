import type { RetrievedPassage } from "../ai/retrieved-passages";

/** What the chat asks the knowledge base before answering. */
export interface PassageQuery {
  userId: string;
  /** The room the conversation belongs to, for room-scoped knowledge; null outside rooms. */
  roomId: string | null;
  question: string;
}

/** Finds passages an answer may cite; lib/knowledge implements it, each process's composition root passes it in. */
export interface PassageSource {
  retrieve(q: PassageQuery): Promise<RetrievedPassage[]>;
}
