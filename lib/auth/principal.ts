import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { authenticateApiToken } from "./api-tokens";
import type { SessionUser } from "./roles";
import { scopesOfRole, type ApiScope } from "./scopes";

/**
 * Who is calling and what they may do: the one answer every API surface (REST, /v1, MCP, the CLI)
 * asks for. A signed-in session holds every scope its role allows; a token only those it was given.
 */
export interface Principal {
  user: SessionUser;
  scopes: ReadonlySet<ApiScope>;
  via: "session" | "token";
  /** The token used, when `via` is "token". */
  tokenId?: string;
}

export interface PrincipalSources {
  db: Db;
  /** The signed-in, enabled user of the session cookie, or null. Only asked when no Authorization header came. */
  sessionUser(): Promise<SessionUser | null>;
  now?: Date;
}

export function sessionPrincipal(user: SessionUser): Principal {
  return { user, scopes: new Set(scopesOfRole(user)), via: "session" };
}

/** The token of an `Authorization: Bearer <token>` header; TOKEN_INVALID for any other use of the header. */
export function bearerToken(authorization: string): string {
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
  if (!match) throw new AppError("TOKEN_INVALID", "Send the token as `Authorization: Bearer <token>`.");
  return match[1]!;
}

/**
 * The principal of a request. With an Authorization header the token alone decides, and the
 * session cookie is never consulted: a request that skipped the cross-origin guard by carrying a
 * bearer header cannot act on a browser's cookies. Without one, the session decides.
 */
export async function resolvePrincipal(headers: Headers, sources: PrincipalSources): Promise<Principal> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const identity = await authenticateApiToken(sources.db, bearerToken(authorization), sources.now);
    return { user: identity.user, scopes: new Set(identity.scopes), via: "token", tokenId: identity.tokenId };
  }
  const user = await sources.sessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return sessionPrincipal(user);
}

/** Throws INSUFFICIENT_SCOPE (403) unless the principal holds `scope`. */
export function requireScope(principal: Principal, scope: ApiScope): void {
  if (principal.scopes.has(scope)) return;
  throw new AppError("INSUFFICIENT_SCOPE", `This needs the "${scope}" scope.`, { scope });
}

/** Token management is for people: a token cannot mint, list or revoke tokens (it could outlive its own revocation). */
export function requireSession(principal: Principal): void {
  if (principal.via === "session") return;
  throw new AppError("FORBIDDEN", "Manage API tokens while signed in, not with a token.");
}
