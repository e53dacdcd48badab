/**
 * The Redis for scale-out tests: REDIS_URL when set. Without it the Redis suite is skipped, except
 * under CI=true where that is an error (mirroring testProviders() for PostgreSQL).
 */
export function redisTestUrl(): string | undefined {
  const url = process.env.REDIS_URL;
  if (!url && process.env.CI === "true") {
    throw new Error("CI=true but REDIS_URL is not set: the Redis scale-out suite would be skipped");
  }
  return url;
}
