import type { Db } from "../db/client";
import type { CsvColumn } from "./csv";
import { chatUsageSeries, feedbackSeries, latencyByModel, latestFeedbackComments, type FeedbackComment } from "./queries/chat";
import { collabByRoom, collabByUser, collabSeries } from "./queries/collab";
import { knowledgeFailures, knowledgeSeries } from "./queries/knowledge";
import { topRooms, topUsers, type TopRoomRow, type TopUserRow } from "./queries/top";
import type { AnalyticsFilter } from "./scope";

/** Every chart/table of the dashboard: how to compute it and its CSV columns (units in headers). */
interface ChartDef<T> {
  run(db: Db, f: AnalyticsFilter): Promise<T[]>;
  columns: CsvColumn<T>[];
}

const def = <T>(d: ChartDef<T>) => d as ChartDef<unknown>;
const c = <T>(key: keyof T & string, header: string): CsvColumn<T> => ({ key, header });

export const CHARTS = {
  "chat-usage": def({
    run: chatUsageSeries,
    columns: [c("bucket", "bucket_start_utc"), c("model", "model"), c("turns", "turns"), c("inputTokens", "input_tokens"),
      c("outputTokens", "output_tokens"), c("costUsd", "cost_usd")],
  }),
  latency: def({
    run: latencyByModel,
    columns: [c("model", "model"), c("turns", "turns"), c("errors", "errors"), c("errorRate", "error_rate"),
      c("ttftP50", "ttft_p50_ms"), c("ttftP95", "ttft_p95_ms"), c("ttftP99", "ttft_p99_ms"),
      c("totalP50", "total_p50_ms"), c("totalP95", "total_p95_ms"), c("totalP99", "total_p99_ms")],
  }),
  feedback: def({
    run: feedbackSeries,
    columns: [c("bucket", "bucket_start_utc"), c("model", "model"), c("up", "thumbs_up"), c("down", "thumbs_down")],
  }),
  "feedback-comments": def<FeedbackComment>({
    run: (db, f) => latestFeedbackComments(db, f),
    columns: [c("createdAt", "created_at_utc"), c("userName", "user"), c("model", "model"), c("rating", "rating"), c("comment", "comment")],
  }),
  collab: def({
    run: collabSeries,
    columns: [c("bucket", "bucket_start_utc"), c("activeEditors", "active_editors"), c("sessions", "edit_sessions"),
      c("charsAdded", "chars_added"), c("charsRemoved", "chars_removed")],
  }),
  "collab-rooms": def({
    run: collabByRoom,
    columns: [c("roomName", "room"), c("roomId", "room_id"), c("editors", "active_editors"), c("sessions", "edit_sessions"),
      c("activeMinutes", "active_minutes"), c("charsAdded", "chars_added"), c("charsRemoved", "chars_removed")],
  }),
  "collab-users": def({
    run: collabByUser,
    columns: [c("userName", "user"), c("userId", "user_id"), c("rooms", "rooms"), c("sessions", "edit_sessions"),
      c("activeMinutes", "active_minutes"), c("charsAdded", "chars_added"), c("charsRemoved", "chars_removed")],
  }),
  knowledge: def({
    run: knowledgeSeries,
    columns: [c("bucket", "bucket_start_utc"), c("ingested", "documents_ingested"), c("failed", "ingestion_failures"),
      c("searches", "searches"), c("citationsOpened", "citations_opened")],
  }),
  "knowledge-failures": def({ run: knowledgeFailures, columns: [c("reason", "reason"), c("count", "failures")] }),
  "top-users": def<TopUserRow>({
    run: (db, f) => topUsers(db, f),
    columns: [c("userName", "user"), c("userId", "user_id"), c("events", "events"), c("turns", "chat_turns"), c("tokens", "tokens"),
      c("costUsd", "cost_usd"), c("edits", "edits")],
  }),
  "top-rooms": def<TopRoomRow>({
    run: (db, f) => topRooms(db, f),
    columns: [c("roomName", "room"), c("roomId", "room_id"), c("users", "active_users"), c("events", "events"), c("turns", "chat_turns"),
      c("tokens", "tokens"), c("costUsd", "cost_usd"), c("edits", "edits")],
  }),
} satisfies Record<string, ChartDef<unknown>>;

export type ChartName = keyof typeof CHARTS;
export const CHART_NAMES = Object.keys(CHARTS) as ChartName[];
