import { citationsSchema } from "../chat/schemas";
import type { Db } from "../db/client";

/** The chunk ids an answer cited, from ChatMessage.citations (`[{citation, passageId}]`). */
async function citedChunkIds(db: Db, messageId: string): Promise<number[]> {
  const message = await db.chatMessage.findUnique({ where: { id: messageId }, select: { citations: true } });
  if (!message?.citations) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.citations);
  } catch {
    return [];
  }
  const citations = citationsSchema.safeParse(parsed);
  if (!citations.success) return [];
  return [...new Set(citations.data.map((c) => Number(c.passageId)).filter((id) => Number.isSafeInteger(id) && id > 0))];
}

async function recount(db: Db, chunkIds: number[]): Promise<void> {
  for (const chunkId of chunkIds) {
    const demotions = await db.knowledgeDemotion.count({ where: { chunkId } });
    await db.knowledgeChunk.updateMany({ where: { id: chunkId }, data: { demotion: demotions } });
  }
}

/**
 * Applies a rating of an answer to the passages it cited: thumbs-down demotes them in later
 * rankings (once per answer), any other rating takes this answer's demotions back.
 */
export async function applyAnswerRating(db: Db, input: { messageId: string; userId: string; rating: number }): Promise<void> {
  const chunkIds = await citedChunkIds(db, input.messageId);
  if (chunkIds.length === 0) return;
  if (input.rating < 0) {
    const existing = await db.knowledgeChunk.findMany({ where: { id: { in: chunkIds } }, select: { id: true } });
    for (const { id } of existing) {
      await db.knowledgeDemotion.upsert({
        where: { messageId_chunkId: { messageId: input.messageId, chunkId: id } },
        create: { messageId: input.messageId, chunkId: id, userId: input.userId },
        update: {},
      });
    }
  } else {
    await db.knowledgeDemotion.deleteMany({ where: { messageId: input.messageId } });
  }
  await recount(db, chunkIds);
}
