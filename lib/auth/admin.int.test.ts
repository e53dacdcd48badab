import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit/audit-log";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { AppError } from "../errors/app-error";
import { changeRole, listUsers, setDisabled } from "./admin";
import type { SessionUser } from "./roles";
import { registerUser } from "./users";

const open = { allowRegistration: true };

describe.each(testProviders())("user administration on %s", (provider) => {
  let t: TestDatabase;
  let admin: SessionUser;
  let member: SessionUser;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    admin = await registerUser(t.db, { email: "admin@example.com", name: "Admin", password: "keeps-order-1842" }, open);
    member = await registerUser(t.db, { email: "member@example.com", name: "Member", password: "joins-the-team-7" }, open);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("lists users for admins only", async () => {
    const users = await listUsers(t.db, admin);
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ["admin@example.com", "admin"],
      ["member@example.com", "member"],
    ]);
    await expect(listUsers(t.db, member)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "FORBIDDEN");
  });

  it("changes a role and writes who, what, when and target to the audit log", async () => {
    const before = new Date();
    await changeRole(t.db, admin, member.id, "admin");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("admin");
    const [entry] = await listAudit(t.db, { limit: 10 });
    expect(entry).toMatchObject({
      action: "user.role_changed",
      targetType: "user",
      targetId: member.id,
      details: { email: "member@example.com", from: "member", to: "admin" },
      actor: { id: admin.id, email: "admin@example.com" },
    });
    expect(entry!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    await changeRole(t.db, admin, member.id, "member");
  });

  it("disables and re-enables an account, audited", async () => {
    await setDisabled(t.db, admin, member.id, true);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: member.id } })).disabled).toBe(true);
    await setDisabled(t.db, admin, member.id, false);
    const actions = (await listAudit(t.db, { limit: 2 })).map((e) => e.action);
    expect(actions).toEqual(["user.enabled", "user.disabled"]);
  });

  it("refuses admins changing themselves, members acting, and unknown targets", async () => {
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: AppError) => e.code);
    expect(await code(changeRole(t.db, admin, admin.id, "member"))).toBe("CONFLICT");
    expect(await code(setDisabled(t.db, admin, admin.id, true))).toBe("CONFLICT");
    expect(await code(setDisabled(t.db, member, admin.id, true))).toBe("FORBIDDEN");
    expect(await code(changeRole(t.db, admin, "missing", "admin"))).toBe("NOT_FOUND");
  });
});
