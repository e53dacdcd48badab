import { z } from "zod";
import { isAdmin, type SessionUser } from "./roles";

/** What an API token may do. A signed-in session may do all of them but `admin`, which only admins hold. */
export const API_SCOPES = ["chat", "knowledge:read", "knowledge:write", "rooms:read", "rooms:write", "analytics:read", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const apiScopeSchema = z.enum(API_SCOPES);

export const SCOPE_LABELS: Record<ApiScope, string> = {
  chat: "Chat with the team's models (/v1)",
  "knowledge:read": "Search and read knowledge",
  "knowledge:write": "Upload and delete documents",
  "rooms:read": "Read rooms and their files",
  "rooms:write": "Change rooms and their files",
  "analytics:read": "Read analytics",
  admin: "Administer the instance",
};

/** Every scope the user's role allows. */
export function scopesOfRole(user: Pick<SessionUser, "role">): ApiScope[] {
  return API_SCOPES.filter((scope) => scope !== "admin" || isAdmin(user));
}

/** Scopes as stored: sorted, deduplicated, space-separated. */
export function formatScopes(scopes: readonly ApiScope[]): string {
  return [...new Set(scopes)].sort().join(" ");
}

/** Stored scopes back to names; anything unknown (a scope since removed) is dropped. */
export function parseScopes(stored: string): ApiScope[] {
  return stored.split(" ").flatMap((s) => {
    const parsed = apiScopeSchema.safeParse(s);
    return parsed.success ? [parsed.data] : [];
  });
}
