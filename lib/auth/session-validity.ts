import type { Db } from "../db/client";

/** What the jwt callback throws for a session that must end; next-auth then clears the cookie. */
export const SESSION_REVOKED = "SESSION_REVOKED";

const MAX_ENTRIES = 10_000;

/**
 * Whether a session cookie may still be used: its user exists, is not disabled, and signed in after
 * the account's `sessionsValidAfter` (set when an admin disables it, so re-enabling does not revive
 * old cookies). An enabled account's state is cached for `ttlMs`, so a disable reaches every
 * instance within that time without a query on every request; refusals are never cached, so a
 * re-enabled user who signs in again is let in at once.
 */
export function createSessionValidity(getDb: () => Promise<Db>, options: { ttlMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { fetchedAt: number; user: { validAfter: number } }>();

  async function load(userId: string) {
    const cached = cache.get(userId);
    if (cached && now() - cached.fetchedAt < options.ttlMs) return cached.user;
    const row = await (await getDb()).user.findUnique({ where: { id: userId }, select: { disabled: true, sessionsValidAfter: true } });
    if (!row || row.disabled) {
      cache.delete(userId);
      return null;
    }
    const user = { validAfter: row.sessionsValidAfter?.getTime() ?? 0 };
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(userId, { fetchedAt: now(), user });
    return user;
  }

  /** `authTime`: when the session's sign-in happened (ms); 0 for cookies issued before it was recorded. */
  return async function isSessionValid(userId: string, authTime: number): Promise<boolean> {
    const user = await load(userId);
    return user !== null && (user.validAfter === 0 || authTime > user.validAfter);
  };
}

export type SessionValidity = ReturnType<typeof createSessionValidity>;
