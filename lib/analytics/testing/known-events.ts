import { usageEvent, type UsageEventInput } from "../usage-events";

/**
 * A small event set with hand-computed answers, for the integration tests. All events fall on
 * 2026-03-10 (UTC). Alice uses model A in room R1; Bob uses model B in rooms R1 and R2.
 */
export const DAY_START = new Date("2026-03-10T00:00:00.000Z");
const at = (hour: number, minute = 0) => new Date(DAY_START.getTime() + hour * 3_600_000 + minute * 60_000);

export function knownEvents(ids: { alice: string; bob: string; r1: string; r2: string }): UsageEventInput[] {
  const events: UsageEventInput[] = [];
  const turn = (userId: string, model: string, roomId: string | null, createdAt: Date, totalMs: number, error: string | null) => ({
    ...usageEvent("chat.turn", { userId, roomId, model }, {
      conversationId: "c", inputTokens: 10, outputTokens: 20, costUsd: 0.001, ttftMs: totalMs / 10, totalMs, error,
    }),
    createdAt,
  });
  // Alice, model A: 100 successful turns of 10, 20, … 1000 ms spread over hours 0-9, and 5 timeouts.
  for (let i = 1; i <= 100; i++) events.push(turn(ids.alice, "A", ids.r1, at(i % 10, i % 60), i * 10, null));
  for (let i = 0; i < 5; i++) events.push(turn(ids.alice, "A", ids.r1, at(3, i), 60_000, "AI_TIMEOUT"));
  // Bob, model B: 10 turns of 100 … 1000 ms in hour 12, no room.
  for (let i = 1; i <= 10; i++) events.push(turn(ids.bob, "B", null, at(12, i), i * 100, null));
  const feedback = (userId: string, model: string, rating: 1 | -1, comment: string | null, hour: number) => ({
    ...usageEvent("chat.feedback", { userId, model }, { messageId: "m", rating, comment }), createdAt: at(hour),
  });
  events.push(feedback(ids.alice, "A", 1, null, 1), feedback(ids.alice, "A", 1, "great", 2), feedback(ids.alice, "A", 1, null, 2));
  events.push(feedback(ids.alice, "A", -1, "wrong import", 5), feedback(ids.bob, "B", -1, "too slow", 12));
  const collab = (e: UsageEventInput, hour: number) => ({ ...e, createdAt: at(hour) });
  events.push(
    collab(usageEvent("collab.join", { userId: ids.alice, roomId: ids.r1 }, { channel: "doc", role: "owner" }), 1),
    collab(usageEvent("collab.join", { userId: ids.alice, roomId: ids.r1 }, { channel: "events", role: "owner" }), 1),
    collab(usageEvent("collab.edit", { userId: ids.alice, roomId: ids.r1 }, { file_id: "f", path: "a.ts", added: 100, removed: 10 }), 1),
    collab(usageEvent("collab.edit", { userId: ids.alice, roomId: ids.r1 }, { file_id: "f", path: "a.ts", added: 100, removed: 10 }), 2),
    collab(usageEvent("collab.active", { userId: ids.alice, roomId: ids.r1 }, { minutes: 7 }), 2),
    collab(usageEvent("collab.join", { userId: ids.bob, roomId: ids.r1 }, { channel: "doc", role: "editor" }), 2),
    collab(usageEvent("collab.active", { userId: ids.bob, roomId: ids.r1 }, { minutes: 3 }), 2),
    collab(usageEvent("collab.join", { userId: ids.bob, roomId: ids.r2 }, { channel: "doc", role: "owner" }), 13),
    collab(usageEvent("collab.edit", { userId: ids.bob, roomId: ids.r2 }, { file_id: "g", path: null, added: 50, removed: 0 }), 13),
  );
  const k = (e: UsageEventInput, hour: number) => ({ ...e, createdAt: at(hour) });
  events.push(
    k(usageEvent("knowledge.ingested", { userId: ids.alice }, { documentId: "d1", bytes: 1000, chunks: 4 }), 4),
    k(usageEvent("knowledge.ingested", { userId: ids.bob }, { documentId: "d2", bytes: 500, chunks: 2 }), 4),
    k(usageEvent("knowledge.failed", { userId: ids.alice }, { documentId: "d3", reason: "CORRUPT" }), 4),
    k(usageEvent("knowledge.failed", { userId: ids.bob }, { documentId: "d4", reason: "CORRUPT" }), 5),
    k(usageEvent("knowledge.failed", { userId: ids.bob }, { documentId: "d5", reason: "NO_TEXT" }), 5),
    ...[1, 2, 3, 4].map((i) => k(usageEvent("knowledge.search", { userId: ids.alice, roomId: ids.r1 }, { results: i, ms: 5 }), 6)),
    k(usageEvent("knowledge.citation_opened", { userId: ids.alice, roomId: ids.r1 }, { passageId: "p" }), 6),
  );
  return events;
}
