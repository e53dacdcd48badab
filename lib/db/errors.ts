/** The Prisma error code of a failed query (e.g. "P2002": a unique constraint failed), if it has one. */
export function prismaErrorCode(err: unknown): string | undefined {
  const code: unknown = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether a transaction lost a serialization race (PostgreSQL 40001). Prisma reports it as P2034 when
 * a query fails, but a conflict found at COMMIT reaches us as the driver adapter's raw error.
 */
export function isWriteConflict(err: unknown): boolean {
  if (prismaErrorCode(err) === "P2034") return true;
  const cause: unknown = typeof err === "object" && err !== null ? (err as { cause?: unknown }).cause : undefined;
  return typeof cause === "object" && cause !== null && (cause as { kind?: unknown }).kind === "TransactionWriteConflict";
}
