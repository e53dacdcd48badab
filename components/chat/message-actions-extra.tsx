"use client";

import { LearnActions } from "@/components/knowledge/learn-actions";

/**
 * Extension point: extra buttons under every finished assistant answer (e.g. the knowledge
 * base's "teach" and "save as knowledge"). Replace the body of `MessageActionsExtra` to render
 * them; it receives the answer's ids, its room (null outside rooms) and the user's rating.
 */
export interface MessageActionsExtraProps {
  messageId: string;
  conversationId: string;
  roomId: string | null;
  /** 1 (thumbs up), -1 (thumbs down) or null when not rated yet. */
  rating: 1 | -1 | null;
}

export function MessageActionsExtra({ messageId, roomId, rating }: MessageActionsExtraProps) {
  return <LearnActions messageId={messageId} roomId={roomId} rating={rating} />;
}
