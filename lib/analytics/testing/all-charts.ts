import type { Db } from "../../db/client";
import type { Source } from "../queries/base";
import { chatUsageSeries, feedbackSeries, latencyByModel } from "../queries/chat";
import { collabByRoom, collabByUser, collabSeries } from "../queries/collab";
import { knowledgeFailures, knowledgeSeries } from "../queries/knowledge";
import { topRooms, topUsers } from "../queries/top";
import type { AnalyticsFilter } from "../scope";

/** Every chart's answer for a filter, from the rollup or recomputed from raw events (for the tests). */
export async function allCharts(db: Db, f: AnalyticsFilter, source: Source) {
  return {
    usage: await chatUsageSeries(db, f, source),
    latency: await latencyByModel(db, f, source),
    feedback: await feedbackSeries(db, f, source),
    collabSeries: await collabSeries(db, f, source),
    collabRooms: await collabByRoom(db, f, source),
    collabUsers: await collabByUser(db, f, source),
    knowledge: await knowledgeSeries(db, f, source),
    failures: await knowledgeFailures(db, f, source),
    topUsers: await topUsers(db, f, 10, source),
    topRooms: await topRooms(db, f, 10, source),
  };
}
