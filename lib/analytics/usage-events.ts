import type { Db } from "../db/client";

/**
 * The one usage stream behind the analytics dashboard: every feature appends UsageEvent rows
 * `{type, userId, roomId, model, data (JSON object), createdAt}`. Types are dotted `feature.what`.
 *
 * Collaboration writes (through the sidecar, aggregated before writing):
 * - `collab.join`   someone opened a room;            data `{channel: "doc" | "events", role}`
 * - `collab.active` minutes a user was active in a room (sent a document or awareness change),
 *                   counted per wall-clock minute;   data `{minutes}`
 * - `collab.edit`   characters a user added and removed in one file; data `{file_id, path, added, removed}`
 */
export interface CollabUsageData {
  "collab.join": { channel: "doc" | "events"; role: string };
  "collab.active": { minutes: number };
  "collab.edit": { file_id: string; path: string | null; added: number; removed: number };
}

export interface UsageEventInput {
  type: string;
  userId?: string | null;
  roomId?: string | null;
  /** The AI model involved, for chat and assistant events. */
  model?: string | null;
  data?: Record<string, unknown>;
  createdAt?: Date;
}

/** Where features send usage events; the sidecar takes one so tests can observe or drop them. */
export interface UsageEventSink {
  record(events: UsageEventInput[]): Promise<void>;
}

export async function recordUsageEvents(db: Db, events: UsageEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.usageEvent.createMany({
    data: events.map((e) => ({
      type: e.type,
      userId: e.userId ?? null,
      roomId: e.roomId ?? null,
      model: e.model ?? null,
      data: JSON.stringify(e.data ?? {}),
      hasComment: hasComment(e.data),
      ...(e.createdAt && { createdAt: e.createdAt }),
    })),
  });
}

/** Whether an event's data carries a non-empty text `comment` (what the latest-comments table lists). */
function hasComment(data: Record<string, unknown> | undefined): boolean {
  return typeof data?.comment === "string" && data.comment !== "";
}

export function createUsageEventSink(db: Db): UsageEventSink {
  return { record: (events) => recordUsageEvents(db, events) };
}

export function collabUsageEvent<T extends keyof CollabUsageData>(
  type: T,
  context: { userId: string; roomId: string },
  data: CollabUsageData[T],
): UsageEventInput {
  return { type, userId: context.userId, roomId: context.roomId, data: { ...data } };
}

/**
 * Chat writes (model = the model ref that answered, e.g. `openai:gpt-4o-mini`):
 * - `chat.turn`     one assistant answer;  data `{conversationId, inputTokens, outputTokens, costUsd,
 *                   ttftMs, totalMs, error}` (error = a stable error code, or null when it succeeded);
 *                   a turn through /v1/chat/completions adds `via: "api"`, one through MCP `via: "mcp"`
 * - `chat.feedback` a thumbs up/down;      data `{messageId, rating: 1 | -1, comment}`
 * - `chat.feedback_retracted` takes back a replaced `chat.feedback` (same rating), dated at its
 *                   `createdAt` so both land in the same rollup rows; data `{messageId, rating}`
 * Knowledge writes:
 * - `knowledge.ingested`        a document became ready;  data `{documentId, bytes, chunks}`
 * - `knowledge.failed`          ingestion failed;          data `{documentId, reason}` (a stable code)
 * - `knowledge.search`          passages retrieved;        data `{results, ms}`
 * - `knowledge.citation_opened` a cited passage opened;    data `{passageId}`
 */
export interface ChatUsageData {
  "chat.turn": {
    /** null for a turn through the OpenAI-compatible API, which keeps no conversation. */
    conversationId: string | null;
    inputTokens: number;
    outputTokens: number;
    costUsd: number | null;
    ttftMs: number | null;
    totalMs: number;
    error: string | null;
    via?: "api" | "mcp";
  };
  "chat.feedback": { messageId: string; rating: 1 | -1; comment: string | null };
  "chat.feedback_retracted": { messageId: string; rating: 1 | -1 };
}

export interface KnowledgeUsageData {
  "knowledge.ingested": { documentId: string; bytes: number; chunks: number };
  "knowledge.failed": { documentId: string; reason: string };
  "knowledge.search": { results: number; ms: number };
  "knowledge.citation_opened": { passageId: string };
}

export type UsageData = CollabUsageData & ChatUsageData & KnowledgeUsageData;

export function usageEvent<T extends keyof UsageData>(
  type: T,
  context: { userId?: string | null; roomId?: string | null; model?: string | null },
  data: UsageData[T],
): UsageEventInput {
  return { type, userId: context.userId ?? null, roomId: context.roomId ?? null, model: context.model ?? null, data: { ...data } };
}
