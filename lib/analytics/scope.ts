import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import { getRoomMember } from "../collab/membership";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { alignDown, alignUp } from "./grains";
import type { Period } from "../db/sql";

const DAY = 86_400_000;
const PRESETS = { "24h": 1, "7d": 7, "30d": 30, "90d": 90 } as const;
const MAX_CUSTOM_DAYS = 366 * 3;

/** The fields of the query every analytics endpoint takes (what the API documents). */
export const analyticsQueryFields = z.object({
  range: z.enum(["24h", "7d", "30d", "90d", "custom"]).default("7d"),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: "With range=custom." }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: "With range=custom." }),
  scope: z.enum(["all", "user", "room", "model"]).default("all").meta({ description: "Members see only their own activity; admins everyone's." }),
  id: z.string().trim().min(1).max(200).optional().meta({ description: "The user, room or model the scope names." }),
});

/** The query every analytics endpoint takes. */
export const analyticsQuerySchema = analyticsQueryFields
  .superRefine((q, ctx) => {
    if (q.range === "custom" && (!q.from || !q.to)) ctx.addIssue({ code: "custom", path: ["from"], message: "custom range needs from and to" });
    if (q.scope !== "all" && !q.id) ctx.addIssue({ code: "custom", path: ["id"], message: `scope ${q.scope} needs id` });
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

/** What a query may see: a time window, its bucket size, and the dimensions it is pinned to. */
export interface AnalyticsFilter {
  from: Date;
  to: Date;
  period: Period;
  userId?: string;
  roomId?: string;
  model?: string;
}

/**
 * The bucket size for a window of `ms`: hours up to two days, days up to about three months (the
 * 90-day preset), weeks beyond, so a chart has between about 12 and 160 buckets.
 */
export function periodFor(ms: number): Period {
  if (ms <= 2 * DAY + 1000) return "h";
  return ms <= 92 * DAY ? "d" : "w";
}

/** The window and its bucket size (periodFor), widened to whole buckets (UTC; weeks from Monday). */
export function resolveRange(query: Pick<AnalyticsQuery, "range" | "from" | "to">, now = new Date()): Pick<AnalyticsFilter, "from" | "to" | "period"> {
  let from: Date;
  let to: Date;
  if (query.range === "custom") {
    from = new Date(query.from!);
    to = new Date(query.to!);
    if (!(from < to)) throw new AppError("VALIDATION_FAILED", "The range must end after it starts.");
    if (to.getTime() - from.getTime() > MAX_CUSTOM_DAYS * DAY) throw new AppError("VALIDATION_FAILED", "The range may span at most three years.");
  } else {
    to = now;
    from = new Date(now.getTime() - PRESETS[query.range] * DAY);
  }
  const period = periodFor(to.getTime() - from.getTime());
  return { from: new Date(alignDown(from.getTime(), period)), to: new Date(alignUp(to.getTime(), period)), period };
}

/**
 * The server-side scope. Admins may look at everyone, one user, one room or one model. Members
 * always see only their own activity: they may narrow it to one of their rooms or one model, and
 * asking for another user is FORBIDDEN, for a room they do not belong to NOT_FOUND.
 */
export async function resolveFilter(db: Db, user: SessionUser, query: AnalyticsQuery, now = new Date()): Promise<AnalyticsFilter> {
  const range = resolveRange(query, now);
  const pinned = user.role === "admin" ? {} : { userId: user.id };
  switch (query.scope) {
    case "all":
      return { ...range, ...pinned };
    case "user":
      if (user.role !== "admin" && query.id !== user.id) throw new AppError("FORBIDDEN", "Members can only see their own activity.");
      return { ...range, userId: query.id };
    case "room":
      if (user.role !== "admin" && !(await getRoomMember(db, query.id!, user.id))) throw new AppError("NOT_FOUND", "No such room.");
      return { ...range, ...pinned, roomId: query.id };
    case "model":
      return { ...range, ...pinned, model: query.id };
  }
}
