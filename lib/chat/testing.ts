import type { Db } from "../db/client";

/** A user row for tests; chat tests need owners, nothing more. */
export async function createTestUser(db: Db, name: string): Promise<string> {
  const user = await db.user.create({ data: { name, email: `${name.toLowerCase()}-${crypto.randomUUID()}@example.com` } });
  return user.id;
}
