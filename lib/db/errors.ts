/** The Prisma error code of a failed query (e.g. "P2002": a unique constraint failed), if it has one. */
export function prismaErrorCode(err: unknown): string | undefined {
  const code: unknown = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}
