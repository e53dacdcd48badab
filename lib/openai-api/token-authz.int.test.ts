import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAiRuntime, type AiRuntime } from "../ai/runtime";
import { testConfig } from "../ai/testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "../ai/testing/fake-providers";
import type { PassageSource } from "../chat/passage-source";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { logger } from "../observability/logger";
import { createChatCompletion } from "./completions";
import { listOpenAiModels } from "./models";
import { changeRole, setDisabled } from "../auth/admin";
import { authenticateApiToken, createApiToken } from "../auth/api-tokens";
import { resolvePrincipal, sessionPrincipal, type Principal } from "../auth/principal";
import type { SessionUser } from "../auth/roles";
import { API_SCOPES, type ApiScope } from "../auth/scopes";
import { createTokenEndpoint, listAllTokensEndpoint, listOwnTokensEndpoint, revokeTokenEndpoint } from "../auth/token-endpoints";
import { toSessionUser } from "../auth/users";

type Need = ApiScope | "session";

const passages: PassageSource = {
  retrieve: async () => [{ id: "p1", citation: 1, text: "Deploys happen on Tuesdays.", source: { documentName: "ops.md" } }],
};

describe.each(testProviders())("API token authorization on %s", (provider) => {
  let t: TestDatabase;
  let fake: FakeProviderServer;
  let ai: AiRuntime;
  let member: SessionUser;
  let admin: SessionUser;
  let other: SessionUser;

  async function user(name: string, role: "admin" | "member") {
    return toSessionUser(await t.db.user.create({ data: { name, email: `${name}-${crypto.randomUUID()}@example.com`, role } }));
  }

  const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });
  const noSession = async () => null;

  async function tokenPrincipal(owner: SessionUser, scopes: ApiScope[]): Promise<Principal> {
    const { token } = await createApiToken(t.db, owner, { name: scopes.join("+"), scopes, expiresInDays: 1 });
    return resolvePrincipal(bearer(token), { db: t.db, sessionUser: noSession });
  }

  /** Each endpoint as its route runs it once the caller is known, and what it needs. */
  const endpoints: { name: string; needs: Need[]; call: (p: Principal) => Promise<unknown> }[] = [
    { name: "GET /v1/models", needs: ["chat"], call: (p) => listOpenAiModels(ai, p) },
    {
      name: "POST /v1/chat/completions",
      needs: ["chat"],
      call: (p) => createChatCompletion({ db: t.db, ai, passages, log: logger }, p, { model: "openai-compatible:fake-main", messages: [{ role: "user", content: "hi" }] }, new AbortController().signal),
    },
    {
      name: "POST /v1/chat/completions with knowledge",
      needs: ["chat", "knowledge:read"],
      call: (p) => createChatCompletion({ db: t.db, ai, passages, log: logger }, p, { model: "openai-compatible:fake-main:knowledge", messages: [{ role: "user", content: "hi" }] }, new AbortController().signal),
    },
    { name: "POST /api/v1/tokens", needs: ["session"], call: (p) => createTokenEndpoint(t.db, p, { name: "made", scopes: ["chat"], expiresInDays: 30 }) },
    { name: "GET /api/v1/tokens", needs: ["session"], call: (p) => listOwnTokensEndpoint(t.db, p, {}) },
    { name: "GET /api/v1/admin/tokens", needs: ["admin"], call: (p) => listAllTokensEndpoint(t.db, p, {}) },
  ];

  function allowed(p: Principal, needs: Need[]): boolean {
    return needs.every((n) => (n === "session" ? p.via === "session" : p.scopes.has(n)));
  }

  async function outcome(call: () => Promise<unknown>): Promise<string> {
    try {
      const result = await call();
      if (result instanceof Response) await result.text();
      return "ok";
    } catch (err) {
      return (err as { code?: string }).code ?? String(err);
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    fake = await startFakeProvider("openai");
    fake.listing = ["fake-main"];
    ai = createAiRuntime(testConfig({ OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, OPENAI_COMPATIBLE_MODELS: "fake-main" }));
    [member, admin, other] = await Promise.all([user("member", "member"), user("admin", "admin"), user("other", "member")]);
  });
  afterAll(async () => {
    await fake.close();
    await t.dispose();
  });

  it("allows each endpoint exactly to the scopes and principals it needs", async () => {
    const principals: [string, Principal][] = [
      ["member session", sessionPrincipal(member)],
      ["admin session", sessionPrincipal(admin)],
    ];
    for (const scope of API_SCOPES) principals.push([`${scope} token`, await tokenPrincipal(scope === "admin" ? admin : member, [scope])]);
    principals.push(["chat+knowledge:read token", await tokenPrincipal(member, ["chat", "knowledge:read"])]);

    const table: string[] = [];
    for (const [label, principal] of principals) {
      for (const endpoint of endpoints) {
        const expected = allowed(principal, endpoint.needs) ? "ok" : endpoint.needs.includes("session") && principal.via === "token" ? "FORBIDDEN" : "INSUFFICIENT_SCOPE";
        table.push(`${label} → ${endpoint.name}: ${await outcome(() => endpoint.call(principal))} (want ${expected})`);
      }
    }
    for (const row of table) expect(row, row).toMatch(/: (\S+) \(want \1\)$/);
    // Sanity: the table has both outcomes, and sessions hold every scope their role allows.
    expect(table.filter((r) => r.includes(": ok ")).length).toBeGreaterThan(5);
    expect(sessionPrincipal(member).scopes.has("admin")).toBe(false);
    expect(sessionPrincipal(admin).scopes.has("admin")).toBe(true);
  });

  it("refuses expired, revoked, malformed and unknown tokens with typed 401s", async () => {
    const longAgo = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    const expired = await createApiToken(t.db, member, { name: "old", scopes: ["chat"], expiresInDays: 1 }, longAgo);
    await expect(authenticateApiToken(t.db, expired.token)).rejects.toMatchObject({ code: "TOKEN_EXPIRED", status: 401 });

    const revoked = await createApiToken(t.db, member, { name: "gone", scopes: ["chat"], expiresInDays: 1 });
    await revokeTokenEndpoint(t.db, sessionPrincipal(member), revoked.summary.id);
    await expect(authenticateApiToken(t.db, revoked.token)).rejects.toMatchObject({ code: "TOKEN_REVOKED", status: 401 });

    const unknown = `eca_${"A".repeat(43)}`;
    for (const header of ["Basic dXNlcjpwdw==", "Bearer", "Bearer not-a-token", `Bearer ${unknown}`, "Bearer a b"]) {
      const sessionUser = async () => member;
      await expect(resolvePrincipal(new Headers({ authorization: header }), { db: t.db, sessionUser }), header).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    }
    await expect(resolvePrincipal(new Headers(), { db: t.db, sessionUser: noSession })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("never lets a bearer request fall back to the session cookie", async () => {
    const { token } = await createApiToken(t.db, member, { name: "cli", scopes: ["rooms:read"], expiresInDays: 1 });
    let asked = 0;
    const sessionUser = async () => (asked++, admin);
    const principal = await resolvePrincipal(bearer(token), { db: t.db, sessionUser });
    expect(principal).toMatchObject({ via: "token", user: { id: member.id } });
    expect([...principal.scopes]).toEqual(["rooms:read"]);
    expect(asked).toBe(0);
  });

  it("stops a disabled user's tokens at once, and re-enabling does not revive them", async () => {
    const victim = await user("disabled", "member");
    const { token } = await createApiToken(t.db, victim, { name: "x", scopes: ["chat"], expiresInDays: 1 }, new Date(Date.now() - 1000));
    await expect(authenticateApiToken(t.db, token)).resolves.toMatchObject({ user: { id: victim.id } });
    await setDisabled(t.db, admin, victim.id, true);
    await expect(authenticateApiToken(t.db, token)).rejects.toMatchObject({ code: "TOKEN_REVOKED", status: 401 });
    await setDisabled(t.db, admin, victim.id, false);
    await expect(authenticateApiToken(t.db, token)).rejects.toMatchObject({ code: "TOKEN_REVOKED" });
    // A token made after re-enabling works.
    const fresh = await createApiToken(t.db, victim, { name: "y", scopes: ["chat"], expiresInDays: 1 }, new Date(Date.now() + 1000));
    await expect(authenticateApiToken(t.db, fresh.token, new Date(Date.now() + 2000))).resolves.toMatchObject({ user: { id: victim.id } });
  });

  it("lets only the owner or an admin revoke a token, and audits an admin's revocation", async () => {
    const mine = await createApiToken(t.db, other, { name: "others", scopes: ["chat"], expiresInDays: 1 });
    await expect(revokeTokenEndpoint(t.db, sessionPrincipal(member), mine.summary.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const memberAdminToken = await tokenPrincipal(member, ["chat"]);
    await expect(revokeTokenEndpoint(t.db, memberAdminToken, mine.summary.id)).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    await revokeTokenEndpoint(t.db, await tokenPrincipal(admin, ["admin"]), mine.summary.id);
    await expect(authenticateApiToken(t.db, mine.token)).rejects.toMatchObject({ code: "TOKEN_REVOKED" });
    const audit = await t.db.auditLog.findFirst({ where: { action: "api_token.revoke", targetId: mine.summary.id } });
    expect(audit?.actorId).toBe(admin.id);
    await expect(revokeTokenEndpoint(t.db, sessionPrincipal(other), mine.summary.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("grants admin only to admins, and a demoted admin's token loses it", async () => {
    await expect(createTokenEndpoint(t.db, sessionPrincipal(member), { name: "root", scopes: ["admin"], expiresInDays: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const boss = await user("boss", "admin");
    const { token } = await createApiToken(t.db, boss, { name: "ops", scopes: ["admin", "chat"], expiresInDays: 1 });
    await changeRole(t.db, admin, boss.id, "member");
    const principal = await resolvePrincipal(bearer(token), { db: t.db, sessionUser: noSession });
    expect([...principal.scopes]).toEqual(["chat"]);
  });

  it("validates creation, stores only the hash, and pages lists", async () => {
    const session = sessionPrincipal(other);
    for (const body of [{ name: "", scopes: ["chat"], expiresInDays: 1 }, { name: "a", scopes: [], expiresInDays: 1 }, { name: "a", scopes: ["chat"], expiresInDays: 0 }, { name: "a", scopes: ["chat"], expiresInDays: 366 }, { name: "a", scopes: ["root"], expiresInDays: 1 }]) {
      await expect(createTokenEndpoint(t.db, session, body), JSON.stringify(body)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createTokenEndpoint(t.db, session, { name: `t${i}`, scopes: ["chat"], expiresInDays: 7 }));
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: created[0]!.id } });
    expect(row.tokenHash).not.toContain(created[0]!.token.slice(4, 20));
    expect(created[0]!.token.startsWith(row.prefix)).toBe(true);

    const first = await listOwnTokensEndpoint(t.db, session, { limit: "2" });
    expect(first.items.map((i) => i.name)).toEqual(["t2", "t1"]);
    const second = await listOwnTokensEndpoint(t.db, session, { limit: "2", cursor: first.nextCursor! });
    expect(second.items.map((i) => i.name)).toEqual(["t0"]);
    expect(second.nextCursor).toBeNull();
    const all = await listAllTokensEndpoint(t.db, sessionPrincipal(admin), { limit: "100" });
    expect(all.items.some((i) => i.owner.id === other.id)).toBe(true);
  });

  it("records the last use at most once a minute", async () => {
    const { token, summary } = await createApiToken(t.db, member, { name: "ticks", scopes: ["chat"], expiresInDays: 1 });
    const start = Date.now();
    await authenticateApiToken(t.db, token, new Date(start));
    await authenticateApiToken(t.db, token, new Date(start + 30_000));
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.lastUsedAt?.getTime()).toBe(start);
    await authenticateApiToken(t.db, token, new Date(start + 61_000));
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: summary.id } })).lastUsedAt?.getTime()).toBe(start + 61_000);
  });
});
