import type { KnowledgeScope } from "../scope";

/** The document owners in view: the user's personal knowledge and at most one room. */
export interface ScopeIds {
  userId: string | null;
  roomId: string | null;
}

export function scopeIds(scopes: readonly KnowledgeScope[]): ScopeIds {
  let userId: string | null = null;
  let roomId: string | null = null;
  for (const scope of scopes) {
    if (scope.kind === "personal") userId = scope.userId;
    else roomId = scope.roomId;
  }
  return { userId, roomId };
}
