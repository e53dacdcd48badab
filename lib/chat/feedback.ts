import type { Db } from "../db/client";
import { prismaErrorCode } from "../db/errors";
import { AppError } from "../errors/app-error";
import { recordUsageEvents, usageEvent, type UsageEventInput } from "../analytics/usage-events";
import { parseInput } from "../forms/input";
import { emitWebhookEvent } from "../webhooks/emit";
import { feedbackInputSchema, type FeedbackInput } from "./schemas";

interface Context {
  userId: string;
  roomId: string | null;
  model: string | null;
}

/** Another save of the same answer's rating committed first. */
class RaceLost extends Error {}

const ATTEMPTS = 3;

/**
 * Rates one of the user's own assistant answers; a later rating or comment replaces the earlier one
 * (one rating per answer, the comment belongs to it). Returns what was saved.
 *
 * The dashboard counts the `chat.feedback` usage events, which are summed into rollups and never
 * edited, so a replaced rating is taken back by a `chat.feedback_retracted` event dated at the very
 * instant of the event it cancels (the rating's `updatedAt`): it lands in the same rollup rows, and
 * every bucket and window counts final ratings only. The replaced event's comment is unflagged so
 * the latest-comments table lists the current comment once.
 */
export async function setFeedback(db: Db, userId: string, input: unknown): Promise<{ messageId: string; rating: 1 | -1 }> {
  const feedback = parseInput(feedbackInputSchema, input);
  const message = await db.chatMessage.findUnique({
    where: { id: feedback.messageId },
    select: { role: true, model: true, conversation: { select: { userId: true, roomId: true } } },
  });
  if (!message || message.conversation.userId !== userId || message.role !== "assistant") {
    throw new AppError("NOT_FOUND", "No such answer.");
  }
  const context = { userId, roomId: message.conversation.roomId, model: message.model };
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$transaction((tx) => replaceRating(tx as unknown as Db, context, feedback));
      await emitWebhookEvent(db, {
        type: "chat.feedback",
        roomId: context.roomId,
        data: { messageId: feedback.messageId, userId, roomId: context.roomId, model: context.model, rating: feedback.rating, comment: feedback.comment ?? null },
      });
      return { messageId: feedback.messageId, rating: feedback.rating };
    } catch (err) {
      const lost = err instanceof RaceLost || prismaErrorCode(err) === "P2002";
      if (!lost || attempt === ATTEMPTS) throw lost ? new AppError("CONFLICT", "The rating changed meanwhile; try again.") : err;
    }
  }
}

/** Saves the rating only if it is still the one read (else RaceLost), with its usage events. */
async function replaceRating(tx: Db, context: Context, { messageId, rating, comment }: FeedbackInput): Promise<void> {
  const previous = await tx.messageFeedback.findUnique({ where: { messageId }, select: { rating: true, updatedAt: true } });
  // Strictly after the replaced rating: its instant identifies the event to retract.
  const ratedAt = new Date(Math.max(Date.now(), (previous?.updatedAt.getTime() ?? 0) + 1));
  const data = { rating, comment, updatedAt: ratedAt };
  if (!previous) {
    await tx.messageFeedback.create({ data: { messageId, userId: context.userId, ...data } });
  } else {
    const { count } = await tx.messageFeedback.updateMany({ where: { messageId, updatedAt: previous.updatedAt }, data });
    if (count === 0) throw new RaceLost();
  }
  const events: UsageEventInput[] = [];
  if (previous) {
    const at = previous.updatedAt;
    events.push({ ...usageEvent("chat.feedback_retracted", context, { messageId, rating: previous.rating === 1 ? 1 : -1 }), createdAt: at });
    await tx.usageEvent.updateMany({
      where: { type: "chat.feedback", userId: context.userId, createdAt: at, hasComment: true, data: { contains: JSON.stringify({ messageId }).slice(1, -1) } },
      data: { hasComment: false },
    });
  }
  events.push({ ...usageEvent("chat.feedback", context, { messageId, rating, comment }), createdAt: ratedAt });
  await recordUsageEvents(tx, events);
}
