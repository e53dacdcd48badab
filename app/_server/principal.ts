import "server-only";
import { resolvePrincipal, type Principal } from "@/lib/auth/principal";
import { limitTokenRequests } from "./limits";
import { getDb } from "./runtime";
import { getCurrentUser } from "./session";

/**
 * The caller of an API request — session cookie or API token (lib/auth/principal.ts) — with the
 * per-user limit on token requests applied. Every /api/v1 and /v1 route starts here.
 */
export async function requirePrincipal(req: Request): Promise<Principal> {
  const principal = await resolvePrincipal(req.headers, { db: await getDb(), sessionUser: getCurrentUser });
  if (principal.via === "token") {
    await limitTokenRequests(principal.user.id);
  }
  return principal;
}
