import { idSchema, parseInput } from "../forms/input";
import type { Db } from "../db/client";
import { createApiToken, createTokenInputSchema, listApiTokens, listTokensQuerySchema, revokeApiToken, type ApiTokenPage, type ApiTokenSummary } from "./api-tokens";
import { requireScope, requireSession, type Principal } from "./principal";

/**
 * What the token routes (/api/v1/tokens, /api/v1/admin/tokens) do once they know the caller:
 * validation and the permission check in one place, so the authz tests drive exactly this.
 */

/** POST /api/v1/tokens: a signed-in session creates a token for its user; the secret is in this answer only. */
export async function createTokenEndpoint(db: Db, principal: Principal, body: unknown): Promise<ApiTokenSummary & { token: string }> {
  requireSession(principal);
  const { token, summary } = await createApiToken(db, principal.user, parseInput(createTokenInputSchema, body));
  return { token, ...summary };
}

/** GET /api/v1/tokens: the session user's working tokens. */
export async function listOwnTokensEndpoint(db: Db, principal: Principal, query: Record<string, string>): Promise<ApiTokenPage> {
  requireSession(principal);
  return listApiTokens(db, { ownerId: principal.user.id }, parseInput(listTokensQuerySchema, query));
}

/** GET /api/v1/admin/tokens: everyone's working tokens, for the `admin` scope. */
export async function listAllTokensEndpoint(db: Db, principal: Principal, query: Record<string, string>): Promise<ApiTokenPage> {
  requireScope(principal, "admin");
  return listApiTokens(db, {}, parseInput(listTokensQuerySchema, query));
}

/** DELETE /api/v1/tokens/:id: a session revokes its own (an admin's any); a token needs `admin` to revoke. */
export async function revokeTokenEndpoint(db: Db, principal: Principal, tokenId: string): Promise<void> {
  if (principal.via === "token") requireScope(principal, "admin");
  await revokeApiToken(db, principal.user, parseInput(idSchema, tokenId));
}
