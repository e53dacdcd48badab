import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { writeAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { userText } from "../forms/text";
import { isAdmin, type SessionUser } from "./roles";
import { apiScopeSchema, formatScopes, parseScopes, type ApiScope } from "./scopes";
import { toSessionUser } from "./users";

/** Every token starts with this, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = "eca_";
// eca_ + 32 random bytes in base64url (43 characters).
const TOKEN_PATTERN = /^eca_[A-Za-z0-9_-]{43}$/;
// What lists show of a token: enough to tell tokens apart, far too little to guess the rest.
const VISIBLE_CHARS = TOKEN_PREFIX.length + 6;
const MAX_ACTIVE_TOKENS_PER_USER = 50;
const LAST_USED_RESOLUTION_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;

export const createTokenInputSchema = z.object({
  name: userText().trim().min(1, "Name the token").max(100, "At most 100 characters"),
  scopes: z.array(apiScopeSchema).min(1, "Choose at least one scope").max(20),
  // Every token expires: a forgotten one in an old script or CI secret dies on its own.
  expiresInDays: z.number().int().min(1, "At least 1 day").max(365, "At most 365 days"),
});
export type CreateTokenInput = z.infer<typeof createTokenInputSchema>;

export const listTokensQuerySchema = z.object({
  cursor: z.string().regex(/^[\w-]{1,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListTokensQuery = z.infer<typeof listTokensQuerySchema>;

export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The token's first characters, e.g. `eca_Ab12cd`. */
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  owner: { id: string; name: string; email: string };
}

export interface ApiTokenPage {
  items: ApiTokenSummary[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** The caller behind a valid token. */
export interface TokenIdentity {
  user: SessionUser;
  scopes: ApiScope[];
  tokenId: string;
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

type SummaryRow = { id: string; name: string; prefix: string; scopes: string; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; user: ApiTokenSummary["owner"] };

function toSummary(row: SummaryRow): ApiTokenSummary {
  const { user, scopes, ...rest } = row;
  return { ...rest, scopes: parseScopes(scopes), owner: user };
}

/**
 * Creates a token for `owner`. The secret is returned this once; only its SHA-256 is stored.
 * `admin` is granted only to admins.
 */
export async function createApiToken(
  db: Db,
  owner: SessionUser,
  input: CreateTokenInput,
  now = new Date(),
): Promise<{ token: string; summary: ApiTokenSummary }> {
  if (input.scopes.includes("admin") && !isAdmin(owner)) {
    throw new AppError("FORBIDDEN", "Only admins can create tokens with the admin scope.");
  }
  const active = await db.apiToken.count({ where: { userId: owner.id, revokedAt: null, expiresAt: { gt: now } } });
  if (active >= MAX_ACTIVE_TOKENS_PER_USER) {
    throw new AppError("CONFLICT", `You have ${MAX_ACTIVE_TOKENS_PER_USER} active tokens. Revoke one first.`);
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.apiToken.create({
    data: {
      userId: owner.id,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, VISIBLE_CHARS),
      scopes: formatScopes(input.scopes),
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
    },
    select: summarySelect,
  });
  return { token, summary: toSummary(row) };
}

/**
 * Tokens that still work, newest first: the owner's, or with `owner` omitted everyone's (admins).
 * Revoked and expired tokens are left out.
 */
export async function listApiTokens(
  db: Db,
  filter: { ownerId?: string },
  query: ListTokensQuery,
  now = new Date(),
): Promise<ApiTokenPage> {
  const rows = await db.apiToken.findMany({
    where: { ...(filter.ownerId && { userId: filter.ownerId }), revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor && { cursor: { id: query.cursor }, skip: 1 }),
    select: summarySelect,
  });
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toSummary);
  return { items, nextCursor: more ? items.at(-1)!.id : null };
}

/** Revokes a token of the actor's own, or anyone's for an admin (audited). NOT_FOUND otherwise. */
export async function revokeApiToken(db: Db, actor: SessionUser, tokenId: string, now = new Date()): Promise<void> {
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, userId: true, name: true, revokedAt: true } });
  const own = token?.userId === actor.id;
  if (!token || token.revokedAt !== null || (!own && !isAdmin(actor))) {
    throw new AppError("NOT_FOUND", "No such token.");
  }
  await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
  if (!own) {
    await writeAudit(db, { actorId: actor.id, action: "api_token.revoke", targetType: "api_token", targetId: token.id, details: { ownerId: token.userId, name: token.name } });
  }
}

/**
 * Who a bearer token belongs to, checked on every request against the database: a revoked or
 * expired token, a disabled owner, or a token older than the owner's `sessionsValidAfter` (its
 * account was disabled since) is refused at once with a typed 401. `lastUsedAt` is written at
 * most once a minute.
 */
export async function authenticateApiToken(db: Db, secret: string, now = new Date()): Promise<TokenIdentity> {
  if (!TOKEN_PATTERN.test(secret)) throw new AppError("TOKEN_INVALID", "This is not an API token of this server.");
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(secret) }, include: { user: true } });
  if (!token) throw new AppError("TOKEN_INVALID", "Unknown API token.");
  if (token.revokedAt !== null) throw new AppError("TOKEN_REVOKED", "This API token has been revoked.");
  if (token.expiresAt <= now) throw new AppError("TOKEN_EXPIRED", "This API token has expired.");
  const validAfter = token.user.sessionsValidAfter;
  if (token.user.disabled || (validAfter !== null && token.createdAt <= validAfter)) {
    throw new AppError("TOKEN_REVOKED", "This API token's account has been disabled.");
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  const user = toSessionUser(token.user);
  // A demoted admin's token loses `admin` with the role.
  const scopes = parseScopes(token.scopes).filter((s) => s !== "admin" || isAdmin(user));
  return { user, scopes, tokenId: token.id };
}
