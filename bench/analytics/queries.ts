import type { Db } from "../../lib/db/client";
import type { ChartName } from "../../lib/analytics/charts";
import type { Source } from "../../lib/analytics/queries/base";
import { chatUsageSeries, feedbackSeries, latencyByModel, latestFeedbackComments } from "../../lib/analytics/queries/chat";
import { collabByRoom, collabByUser, collabSeries } from "../../lib/analytics/queries/collab";
import { knowledgeFailures, knowledgeSeries } from "../../lib/analytics/queries/knowledge";
import { topRooms, topUsers } from "../../lib/analytics/queries/top";
import type { AnalyticsFilter } from "../../lib/analytics/scope";

/** Each dashboard query, runnable against the rollup or raw events. */
export const queryFns: Record<ChartName, (db: Db, f: AnalyticsFilter, source: Source) => Promise<unknown>> = {
  "chat-usage": chatUsageSeries,
  latency: latencyByModel,
  feedback: feedbackSeries,
  "feedback-comments": (db, f) => latestFeedbackComments(db, f),
  collab: collabSeries,
  "collab-rooms": collabByRoom,
  "collab-users": collabByUser,
  knowledge: knowledgeSeries,
  "knowledge-failures": knowledgeFailures,
  "top-users": (db, f, s) => topUsers(db, f, 10, s),
  "top-rooms": (db, f, s) => topRooms(db, f, 10, s),
};
