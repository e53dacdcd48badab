import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { AppError } from "../errors/app-error";
import { createMemoryRateLimiter } from "../rate-limit/memory";
import { createSignInLimiters, SIGN_IN_RULES } from "./sign-in-limits";
import { authenticate, ensurePresetAdmin, findOrCreateGithubUser, loadActiveUser, registerUser } from "./users";

const open = { allowRegistration: true };
const limiters = () => createSignInLimiters((rule) => createMemoryRateLimiter(rule));

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((err) => err instanceof AppError && err.code === code);
}

describe.each(testProviders())("accounts on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("makes the first account admin and later ones members", async () => {
    const first = await registerUser(t.db, { email: "ada@example.com", name: "Ada", password: "analytical-engine-1843" }, open);
    const second = await registerUser(t.db, { email: "bob@example.com", name: "Bob", password: "builder-of-bridges" }, open);
    expect(first.role).toBe("admin");
    expect(second.role).toBe("member");
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: first.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain("analytical-engine-1843");
  });

  it("refuses a taken email and closed registration", async () => {
    await expectCode(registerUser(t.db, { email: "ada@example.com", name: "Ada 2", password: "whatever-it-takes" }, open), "EMAIL_TAKEN");
    await expectCode(
      registerUser(t.db, { email: "new@example.com", name: "New", password: "whatever-it-takes" }, { allowRegistration: false }),
      "REGISTRATION_CLOSED",
    );
  });

  it("signs in with the right password and gives one generic error otherwise", async () => {
    const l = limiters();
    const user = await authenticate(t.db, { email: "ada@example.com", password: "analytical-engine-1843", ip: "1.1.1.1" }, l);
    expect(user.email).toBe("ada@example.com");
    await expect(authenticate(t.db, { email: "ada@example.com", password: "nope", ip: "1.1.1.1" }, l)).rejects.toThrow(
      "Wrong email or password.",
    );
    await expect(authenticate(t.db, { email: "ghost@example.com", password: "nope", ip: "1.1.1.1" }, l)).rejects.toThrow(
      "Wrong email or password.",
    );
  });

  it("limits guesses per (account, address): that address waits, the owner elsewhere gets in", async () => {
    const l = limiters();
    for (let i = 0; i < SIGN_IN_RULES.pair.limit; i++) {
      await expectCode(authenticate(t.db, { email: "bob@example.com", password: "bad", ip: "10.0.0.1" }, l), "INVALID_CREDENTIALS");
    }
    const refused = await authenticate(t.db, { email: "bob@example.com", password: "builder-of-bridges", ip: "10.0.0.1" }, l).catch((e) => e);
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused.details.retryAfterSeconds).toBeGreaterThan(60);
    await expect(authenticate(t.db, { email: "bob@example.com", password: "builder-of-bridges", ip: "10.0.0.2" }, l)).resolves.toBeTruthy();
    await expect(authenticate(t.db, { email: "ada@example.com", password: "analytical-engine-1843", ip: "10.0.0.1" }, l)).resolves.toBeTruthy();
  });

  it("limits failures from one address across accounts", async () => {
    const l = createSignInLimiters((rule) => createMemoryRateLimiter(rule.name === SIGN_IN_RULES.address.name ? { ...rule, limit: 3 } : rule));
    for (let i = 0; i < 3; i++) {
      await expectCode(authenticate(t.db, { email: `x${i}@example.com`, password: "bad", ip: "6.6.6.6" }, l), "INVALID_CREDENTIALS");
    }
    await expectCode(authenticate(t.db, { email: "ada@example.com", password: "analytical-engine-1843", ip: "6.6.6.6" }, l), "RATE_LIMITED");
    await expect(authenticate(t.db, { email: "ada@example.com", password: "analytical-engine-1843", ip: "6.6.6.7" }, l)).resolves.toBeTruthy();
  });

  it("past the account's free failures, spaces attempts by a growing wait (at most a minute) instead of locking", async () => {
    let now = 1_000_000;
    const free = 5;
    const l = createSignInLimiters((rule) => createMemoryRateLimiter(rule.name === SIGN_IN_RULES.account.name ? { ...rule, limit: free } : rule, () => now));
    // A distributed guesser: every failure from another address, so no (account, address) limit trips.
    for (let i = 0; i < free; i++) {
      await expectCode(authenticate(t.db, { email: "bob@example.com", password: "bad", ip: `10.1.0.${i}` }, l), "INVALID_CREDENTIALS");
      now += 10;
    }
    const owner = { email: "bob@example.com", password: "builder-of-bridges", ip: "192.0.2.1" };
    expect(await authenticate(t.db, owner, l).catch((e) => e)).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 1 } });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      now += 60_000;
      await expectCode(authenticate(t.db, { email: "bob@example.com", password: "bad", ip: `10.2.0.${i}` }, l), "INVALID_CREDENTIALS");
      const err = await authenticate(t.db, owner, l).catch((e) => e);
      waits.push(err.details.retryAfterSeconds);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60]);
    now += 60_000;
    await expect(authenticate(t.db, owner, l)).resolves.toMatchObject({ email: "bob@example.com" });
  });

  it("refuses disabled accounts at sign-in and on their next request", async () => {
    const carol = await registerUser(t.db, { email: "carol@example.com", name: "Carol", password: "sings-in-the-choir" }, open);
    expect(await loadActiveUser(t.db, carol.id)).toMatchObject({ id: carol.id });
    await t.db.user.update({ where: { id: carol.id }, data: { disabled: true } });
    expect(await loadActiveUser(t.db, carol.id)).toBeNull();
    await expectCode(authenticate(t.db, { email: "carol@example.com", password: "sings-in-the-choir", ip: "2.2.2.2" }, limiters()), "ACCOUNT_DISABLED");
  });

  it("records when a user was last seen", async () => {
    const ada = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    const at = new Date(Date.now() + 3_600_000);
    await loadActiveUser(t.db, ada.id, at);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: ada.id } })).lastSeenAt?.getTime()).toBe(at.getTime());
  });

  it("creates the preset admin only while there is no user", async () => {
    expect(await ensurePresetAdmin(t.db, { email: "root@example.com", password: "rootroot" })).toBe(false);
    const empty = await createTestDatabase(provider);
    try {
      expect(await ensurePresetAdmin(empty.db, { email: "Root@Example.com", password: "rootroot" })).toBe(true);
      const root = await authenticate(empty.db, { email: "root@example.com", password: "rootroot", ip: "3.3.3.3" }, limiters());
      expect(root.role).toBe("admin");
      expect(await ensurePresetAdmin(empty.db, { email: "other@example.com", password: "rootroot" })).toBe(false);
    } finally {
      await empty.dispose();
    }
  });

  it("links GitHub identities without taking over password accounts", async () => {
    const gh = await findOrCreateGithubUser(t.db, { githubId: "42", email: "Dev@Example.com", name: "Dev" }, open);
    expect(gh).toMatchObject({ email: "dev@example.com", role: "member" });
    expect((await findOrCreateGithubUser(t.db, { githubId: "42", email: "changed@example.com", name: "Dev" }, open)).id).toBe(gh.id);
    await expectCode(findOrCreateGithubUser(t.db, { githubId: "43", email: "ada@example.com", name: "Imposter" }, open), "EMAIL_TAKEN");
    await expectCode(
      findOrCreateGithubUser(t.db, { githubId: "44", email: "late@example.com", name: "Late" }, { allowRegistration: false }),
      "REGISTRATION_CLOSED",
    );
  });
});
