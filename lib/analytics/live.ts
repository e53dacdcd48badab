import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import type { Db } from "../db/client";
import { dialectOf, select, SqlParams } from "../db/sql";

/**
 * The live counters at the top of the dashboard. Members get their own chat turns and errors;
 * the team-wide counters (active users, open collaboration sessions) are admin-only (null).
 */
export interface LiveCounters {
  at: string;
  activeUsers: number | null;
  openSessions: number | null;
  chatTurnsToday: number;
  errorsLastHour: number;
}

const ACTIVE_WINDOW_MS = 5 * 60_000;

const sidecarStats = z.object({ connections: z.number().int().nonnegative() });

/** Open WebSocket connections of the collab sidecar (from its /health), null when it does not answer. */
async function sidecarConnections(baseUrl: string, timeoutMs = 1500): Promise<number | null> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const parsed = sidecarStats.safeParse(await response.json());
    return parsed.success ? parsed.data.connections : null;
  } catch {
    return null;
  }
}

export async function liveCounters(db: Db, user: SessionUser, sidecarUrl: string, now = new Date()): Promise<LiveCounters> {
  const admin = user.role === "admin";
  const d = dialectOf(db);
  const q = new SqlParams(d.provider);
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const hourAgo = new Date(now.getTime() - 3_600_000);
  // Built in text order: SQLite's parameters are positional.
  const own = () => (admin ? "" : ` AND "userId" = ${q.add(user.id)}`);
  const turns = `SELECT COUNT(*) AS n FROM "UsageEvent" WHERE "type" = 'chat.turn' AND "createdAt" >= ${d.ts(q, dayStart)}${own()}`;
  const errors = `SELECT COUNT(*) AS n FROM ${d.events(`"createdAt" >= ${d.ts(q, hourAgo)}${own()} AND "type" IN ('knowledge.failed', 'chat.turn')`)} ev
    WHERE "type" = 'knowledge.failed' OR ${d.text('"j"', "error")} IS NOT NULL`;
  const [row] = await select<{ turns: number; errors: number }>(db, `SELECT (${turns}) AS turns, (${errors}) AS errors`, q);
  const [activeUsers, openSessions] = admin
    ? await Promise.all([
        db.user.count({ where: { disabled: false, lastSeenAt: { gte: new Date(now.getTime() - ACTIVE_WINDOW_MS) } } }),
        sidecarConnections(sidecarUrl),
      ])
    : [null, null];
  return { at: now.toISOString(), activeUsers, openSessions, chatTurnsToday: row?.turns ?? 0, errorsLastHour: row?.errors ?? 0 };
}
