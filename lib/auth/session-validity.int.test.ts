import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConfig } from "../config";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { parseTrustedProxies } from "../net/client-address";
import { logger } from "../observability/logger";
import { createMemoryRateLimiter } from "../rate-limit/memory";
import { setDisabled } from "./admin";
import { buildAuthOptions } from "./next-auth-options";
import { createSessionValidity, SESSION_REVOKED } from "./session-validity";
import { createSignInLimiters } from "./sign-in-limits";
import { registerUser } from "./users";

const open = { allowRegistration: true };

describe.each(testProviders())("sessions of disabled accounts on %s", (provider) => {
  let t: TestDatabase;
  let jwt: (token: JWT, user?: { id: string }) => Promise<JWT>;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const options = buildAuthOptions({
      config: buildConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), "eca-session-")) }),
      getDb: async () => t.db,
      limiters: createSignInLimiters((rule) => createMemoryRateLimiter(rule)),
      trustedProxies: parseTrustedProxies(undefined),
      // No cache here, so each check sees the database as it is now.
      isSessionValid: createSessionValidity(async () => t.db, { ttlMs: 0 }),
      log: logger,
    });
    const callback = options.callbacks!.jwt!;
    jwt = (token, user) => callback({ token, user: user as never, account: null }) as Promise<JWT>;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("ends a disabled user's sessions, and re-enabling does not revive them; a new sign-in works", async () => {
    const admin = await registerUser(t.db, { email: "boss@example.com", name: "Boss", password: "runs-the-place-9" }, open);
    const member = await registerUser(t.db, { email: "dora@example.com", name: "Dora", password: "explores-maps-77" }, open);
    const cookie = await jwt({}, { id: member.id });
    expect(cookie).toMatchObject({ sub: member.id, authTime: expect.any(Number) });
    await expect(jwt(cookie)).resolves.toMatchObject({ sub: member.id });

    await setDisabled(t.db, admin, member.id, true);
    await expect(jwt(cookie)).rejects.toThrow(SESSION_REVOKED);

    await setDisabled(t.db, admin, member.id, false);
    await expect(jwt(cookie)).rejects.toThrow(SESSION_REVOKED);
    const fresh = await jwt({}, { id: member.id });
    await expect(jwt(fresh)).resolves.toMatchObject({ sub: member.id });
    // Another user's sessions are untouched.
    await expect(jwt(await jwt({}, { id: admin.id }))).resolves.toMatchObject({ sub: admin.id });
  });

  it("refuses sessions of deleted users and tokens without a user", async () => {
    await expect(jwt({ sub: "no-such-user", authTime: Date.now() })).rejects.toThrow(SESSION_REVOKED);
    await expect(jwt({})).rejects.toThrow(SESSION_REVOKED);
  });

  it("caches an enabled account briefly, never a refusal", async () => {
    let now = 0;
    const member = await registerUser(t.db, { email: "cache@example.com", name: "Cached", password: "stays-a-while-3" }, open);
    const isValid = createSessionValidity(async () => t.db, { ttlMs: 5_000, now: () => now });
    expect(await isValid(member.id, 1)).toBe(true);
    await t.db.user.update({ where: { id: member.id }, data: { disabled: true } });
    expect(await isValid(member.id, 1)).toBe(true);
    now = 5_000;
    expect(await isValid(member.id, 1)).toBe(false);
    await t.db.user.update({ where: { id: member.id }, data: { disabled: false } });
    expect(await isValid(member.id, 1)).toBe(true);
  });
});
