import { createApiToken } from "../auth/api-tokens";
import { resolvePrincipal, type Principal } from "../auth/principal";
import type { SessionUser } from "../auth/roles";
import type { ApiScope } from "../auth/scopes";
import { toSessionUser } from "../auth/users";
import type { Db } from "../db/client";

/** A user for API tests. */
export async function apiTestUser(db: Db, name: string, role: "admin" | "member" = "member"): Promise<SessionUser> {
  return toSessionUser(await db.user.create({ data: { name, email: `${name.toLowerCase()}-${crypto.randomUUID()}@example.com`, role } }));
}

/** The principal of a fresh token of `owner` with `scopes`, resolved as a request's Authorization header is. */
export async function tokenPrincipal(db: Db, owner: SessionUser, scopes: ApiScope[]): Promise<Principal> {
  const { token } = await createApiToken(db, owner, { name: scopes.join("+"), scopes, expiresInDays: 1 });
  return resolvePrincipal(new Headers({ authorization: `Bearer ${token}` }), { db, sessionUser: async () => null });
}

/** The JSON events of a `text/event-stream` body (`data: <json>` lines). */
export async function readSseEvents(response: Response): Promise<{ type: string; [key: string]: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => JSON.parse(block.slice("data: ".length)) as { type: string });
}
