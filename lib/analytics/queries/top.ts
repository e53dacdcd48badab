import type { Db } from "../../db/client";
import type { AnalyticsFilter } from "../scope";
import { rollupQuery, round, withNames, type Source } from "./base";

const TURN = `r."type" = 'chat.turn'`;
// A retraction (lib/chat/feedback.ts) is bookkeeping, not something the user did.
const SUMS = `SUM(CASE WHEN r."type" = 'chat.feedback_retracted' THEN 0 ELSE r."count" END) AS events,
  SUM(CASE WHEN ${TURN} THEN r."count" ELSE 0 END) AS turns,
  SUM(r."inputTokens" + r."outputTokens") AS tokens,
  SUM(r."costUsd") AS "costUsd",
  SUM(CASE WHEN r."type" = 'collab.edit' THEN r."count" ELSE 0 END) AS edits`;

export interface TopUserRow {
  userId: string;
  userName: string;
  events: number;
  turns: number;
  tokens: number;
  costUsd: number;
  edits: number;
}

/** The most active users by number of usage events. */
export async function topUsers(db: Db, f: AnalyticsFilter, limit = 10, source: Source = "rollup"): Promise<TopUserRow[]> {
  const r = rollupQuery(db, f, source);
  const rows = await r.run<TopUserRow>(withNames(`SELECT r."userId" AS "userId", ${SUMS}
    FROM ${r.table()} r WHERE ${r.where("r", { wholeWindow: true })} AND r."userId" <> ''
    GROUP BY r."userId" ORDER BY events DESC, r."userId" LIMIT ${r.q.add(limit)}`, "userId", `a.events DESC, a."userId"`));
  return rows.map((row) => ({ ...row, costUsd: round(row.costUsd) }));
}

export interface TopRoomRow {
  roomId: string;
  roomName: string;
  users: number;
  events: number;
  turns: number;
  tokens: number;
  costUsd: number;
  edits: number;
}

export async function topRooms(db: Db, f: AnalyticsFilter, limit = 10, source: Source = "rollup"): Promise<TopRoomRow[]> {
  const r = rollupQuery(db, f, source);
  const rows = await r.run<TopRoomRow>(withNames(`SELECT r."roomId" AS "roomId",
      COUNT(DISTINCT CASE WHEN r."userId" <> '' THEN r."userId" END) AS users, ${SUMS}
    FROM ${r.table()} r WHERE ${r.where("r", { wholeWindow: true })} AND r."roomId" <> ''
    GROUP BY r."roomId" ORDER BY events DESC, r."roomId" LIMIT ${r.q.add(limit)}`, "roomId", `a.events DESC, a."roomId"`));
  return rows.map((row) => ({ ...row, costUsd: round(row.costUsd) }));
}
