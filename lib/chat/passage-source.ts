import type { RetrievedPassage } from "../ai/retrieved-passages";

/** What the chat asks the knowledge base before answering. */
export interface PassageQuery {
  userId: string;
  /** The room the conversation belongs to, for room-scoped knowledge; null outside rooms. */
  roomId: string | null;
  question: string;
}

/** Finds passages an answer may cite; lib/knowledge registers the real one. */
export interface PassageSource {
  retrieve(q: PassageQuery): Promise<RetrievedPassage[]>;
}

const noPassages: PassageSource = { retrieve: async () => [] };

// On globalThis so a registration survives dev-server module reloads.
const holder = globalThis as { __ecaPassageSource?: PassageSource };

/** The registered source, or one that finds nothing. */
export function getPassageSource(): PassageSource {
  return holder.__ecaPassageSource ?? noPassages;
}

/** Registers the source the chat route uses; `null` restores the no-op source. */
export function setPassageSource(source: PassageSource | null): void {
  holder.__ecaPassageSource = source ?? undefined;
}
