import type { ApiTokenSummary } from "@/lib/auth/api-tokens";
import type { TokenRow } from "./token-table";

/** Token summaries as the client table takes them (dates as ISO strings). */
export function toTokenRows(tokens: ApiTokenSummary[]): TokenRow[] {
  return tokens.map((t) => ({
    ...t,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
}
