import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { recordUsageEvents, usageEvent } from "../analytics/usage-events";
import { feedbackInputSchema, parseInput } from "./schemas";

/** Rates one of the user's own assistant answers (again, replacing the earlier rating); returns what was saved. */
export async function setFeedback(db: Db, userId: string, input: unknown): Promise<{ messageId: string; rating: 1 | -1 }> {
  const { messageId, rating, comment } = parseInput(feedbackInputSchema, input);
  const message = await db.chatMessage.findUnique({
    where: { id: messageId },
    select: { role: true, model: true, conversation: { select: { userId: true, roomId: true } } },
  });
  if (!message || message.conversation.userId !== userId || message.role !== "assistant") {
    throw new AppError("NOT_FOUND", "No such answer.");
  }
  await db.messageFeedback.upsert({
    where: { messageId },
    create: { messageId, userId, rating, comment },
    update: { rating, comment },
  });
  await recordUsageEvents(db, [
    usageEvent("chat.feedback", { userId, roomId: message.conversation.roomId, model: message.model }, { messageId, rating, comment }),
  ]);
  return { messageId, rating };
}
