import type { Db } from "../../db/client";
import type { AnalyticsFilter } from "../scope";
import { iso, rollupQuery, withNames, type Source } from "./base";

/**
 * Collaboration: an active editor is a user with active minutes or edits in the window; an edit
 * session is one opening of a room's document (`collab.join` on the doc channel).
 */
const EDITING = `r."type" IN ('collab.active', 'collab.edit')`;
/** Every collab event type (listed, not `LIKE 'collab.%'`, so the index filters them, not the table). */
const COLLAB = `r."type" IN ('collab.join', 'collab.active', 'collab.edit')`;
const SESSION = `CASE WHEN r."type" = 'collab.join' AND r."label" = 'doc' THEN r."count" ELSE 0 END`;

export interface CollabPoint {
  bucket: string;
  activeEditors: number;
  sessions: number;
  charsAdded: number;
  charsRemoved: number;
}

export async function collabSeries(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<CollabPoint[]> {
  const r = rollupQuery(db, f, source);
  const rows = await r.run<CollabPoint>(`SELECT r."bucket" AS bucket,
      COUNT(DISTINCT CASE WHEN ${EDITING} AND r."userId" <> '' THEN r."userId" END) AS "activeEditors",
      SUM(${SESSION}) AS sessions, SUM(r."charsAdded") AS "charsAdded", SUM(r."charsRemoved") AS "charsRemoved"
    FROM ${r.table()} r WHERE ${r.where("r")} AND ${COLLAB}
    GROUP BY r."bucket" ORDER BY r."bucket"`);
  return rows.map((row) => ({ ...row, bucket: iso(row.bucket) }));
}

export interface CollabRoomRow {
  roomId: string;
  roomName: string;
  editors: number;
  sessions: number;
  activeMinutes: number;
  charsAdded: number;
  charsRemoved: number;
}

export async function collabByRoom(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<CollabRoomRow[]> {
  const r = rollupQuery(db, f, source);
  return r.run<CollabRoomRow>(withNames(`SELECT r."roomId" AS "roomId",
      COUNT(DISTINCT CASE WHEN ${EDITING} AND r."userId" <> '' THEN r."userId" END) AS editors,
      SUM(${SESSION}) AS sessions, SUM(r."activeMinutes") AS "activeMinutes",
      SUM(r."charsAdded") AS "charsAdded", SUM(r."charsRemoved") AS "charsRemoved"
    FROM ${r.table()} r
    WHERE ${r.where("r", { wholeWindow: true })} AND ${COLLAB} AND r."roomId" <> ''
    GROUP BY r."roomId" ORDER BY "activeMinutes" DESC, "charsAdded" DESC, r."roomId" LIMIT 100`,
  "roomId", `a."activeMinutes" DESC, a."charsAdded" DESC, a."roomId"`));
}

export interface CollabUserRow {
  userId: string;
  userName: string;
  rooms: number;
  sessions: number;
  activeMinutes: number;
  charsAdded: number;
  charsRemoved: number;
}

export async function collabByUser(db: Db, f: AnalyticsFilter, source: Source = "rollup"): Promise<CollabUserRow[]> {
  const r = rollupQuery(db, f, source);
  return r.run<CollabUserRow>(withNames(`SELECT r."userId" AS "userId",
      COUNT(DISTINCT CASE WHEN r."roomId" <> '' THEN r."roomId" END) AS rooms,
      SUM(${SESSION}) AS sessions, SUM(r."activeMinutes") AS "activeMinutes",
      SUM(r."charsAdded") AS "charsAdded", SUM(r."charsRemoved") AS "charsRemoved"
    FROM ${r.table()} r
    WHERE ${r.where("r", { wholeWindow: true })} AND ${COLLAB} AND r."userId" <> ''
    GROUP BY r."userId" ORDER BY "activeMinutes" DESC, "charsAdded" DESC, r."userId" LIMIT 100`,
  "userId", `a."activeMinutes" DESC, a."charsAdded" DESC, a."userId"`));
}
