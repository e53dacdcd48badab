import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sessionPrincipal } from "../auth/principal";
import type { SessionUser } from "../auth/roles";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { logger } from "../observability/logger";
import { claimDueDeliveries } from "./delivery-queue";
import { emitWebhookEvent } from "./emit";
import { RETRY_WINDOW_MS } from "./retry-schedule";
import { startTestReceiver, type TestReceiver } from "./test-receiver";
import { createWebhookEndpointApi, redeliverWebhookApi } from "./webhook-api";
import { deliverDueWebhooks, type WebhookDeliveryDeps } from "./worker";

const log = logger.child({ component: "webhooks-test" });

describe.each(testProviders())("webhook delivery on %s", (provider) => {
  let t: TestDatabase;
  let receiver: TestReceiver;
  let admin: SessionUser;
  let ada: SessionUser;
  let roomId: string;

  const user = async (email: string, role: "admin" | "member"): Promise<SessionUser> => {
    const row = await t.db.user.create({ data: { email, name: email.split("@")[0]!, role } });
    return { id: row.id, email, name: row.name, role };
  };
  const register = (owner: SessionUser, events: string[], roomIdOf: string | null = null) =>
    createWebhookEndpointApi({ db: t.db, allowPrivate: true }, sessionPrincipal(owner), { url: receiver.url, events, ...(roomIdOf && { roomId: roomIdOf }) });
  const clock = (start = Date.now()) => {
    let at = start;
    return { now: () => new Date(at), set: (d: Date) => (at = d.getTime()), advance: (ms: number) => (at += ms) };
  };
  const deps = (over: Partial<WebhookDeliveryDeps> = {}): WebhookDeliveryDeps => ({ db: t.db, log, allowPrivate: true, workerId: "w1", timeoutMs: 2_000, ...over });
  const deliveries = () => t.db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    admin = await user("admin@example.com", "admin");
    ada = await user("ada@example.com", "member");
    roomId = (await t.db.room.create({ data: { name: "Hooks", createdBy: ada.id, members: { create: { userId: ada.id, role: "owner" } } } })).id;
  });
  afterEach(async () => {
    await receiver?.close();
    await t.db.webhookEndpoint.deleteMany({});
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("signs each delivery so the standardwebhooks package verifies it, to instance and room endpoints alike", async () => {
    receiver = await startTestReceiver();
    const instance = await register(admin, ["room.member.added", "room.version.saved"]);
    const room = await register(ada, ["room.member.added"], roomId);
    expect(instance.secret).toMatch(/^whsec_/);

    await emitWebhookEvent(t.db, { type: "room.member.added", roomId, data: { roomId, userId: "bob", role: "editor", addedBy: ada.id } });
    await emitWebhookEvent(t.db, { type: "room.version.saved", roomId, data: { roomId, versionId: "v1", label: "v1", createdBy: ada.id } });
    expect(await deliverDueWebhooks(deps())).toBe(3);

    expect(receiver.received).toHaveLength(3);
    const verified = receiver.received.map((r) => {
      const secret = r.headers["webhook-id"] && [instance, room].find((e) => {
        try {
          new Webhook(e.secret).verify(r.body, r.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      });
      expect(secret, "signature verifies with one endpoint's secret").toBeTruthy();
      return { endpoint: secret === instance ? "instance" : "room", ...(JSON.parse(r.body) as { type: string; data: Record<string, unknown> }) };
    });
    expect(verified.map((v) => `${v.endpoint}:${v.type}`).sort()).toEqual(["instance:room.member.added", "instance:room.version.saved", "room:room.member.added"]);
    expect(verified.find((v) => v.type === "room.version.saved")!.data).toMatchObject({ roomId, label: "v1", createdBy: ada.id });
    // One event, one message id, whichever endpoint it goes to.
    const added = receiver.received.filter((r) => r.body.includes("room.member.added"));
    expect(added[0]!.headers["webhook-id"]).toBe(added[1]!.headers["webhook-id"]);
    expect((await deliveries()).every((d) => d.status === "succeeded" && d.responseCode === 204 && d.attempts === 1)).toBe(true);
    // Another room's event reaches the instance endpoint only; an event nobody subscribed to, nobody.
    expect(await emitWebhookEvent(t.db, { type: "room.member.added", roomId: "other-room", data: { roomId: "other-room", userId: "u", role: "viewer", addedBy: "o" } })).toBe(1);
    expect(await emitWebhookEvent(t.db, { type: "chat.feedback", roomId, data: { messageId: "m", userId: ada.id, roomId, model: null, rating: 1, comment: null } })).toBe(0);
    await deliverDueWebhooks(deps());
    expect(() => new Webhook(instance.secret).verify(receiver.received[3]!.body, receiver.received[3]!.headers as Record<string, string>)).not.toThrow();
    // A tampered body fails verification.
    expect(() => new Webhook(instance.secret).verify(receiver.received[0]!.body + " ", receiver.received[0]!.headers as Record<string, string>)).toThrow();
  });

  it("retries a failing receiver with growing, jittered waits and keeps the webhook-id", async () => {
    receiver = await startTestReceiver();
    receiver.respond((n) => (n <= 3 ? 500 : 200));
    await register(admin, ["room.version.saved"]);
    const c = clock();
    await emitWebhookEvent(t.db, { type: "room.version.saved", roomId, data: { roomId, versionId: "v1", label: "L", createdBy: null } }, c.now());
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await deliverDueWebhooks(deps({ now: c.now }))).toBe(1);
      const [row] = await deliveries();
      expect(row).toMatchObject({ status: "failed", attempts: attempt, responseCode: 500 });
      expect(row!.lastError).toContain("HTTP 500");
      waits.push(row!.nextAttemptAt.getTime() - c.now().getTime());
      // Not due yet: nothing is sent before the wait is over.
      expect(await deliverDueWebhooks(deps({ now: c.now }))).toBe(0);
      c.set(row!.nextAttemptAt);
    }
    expect(await deliverDueWebhooks(deps({ now: c.now }))).toBe(1);
    expect((await deliveries())[0]).toMatchObject({ status: "succeeded", attempts: 4, responseCode: 200, lastError: null });
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    // 30 s, 60 s, 120 s, each within ±20 %.
    [30_000, 60_000, 120_000].forEach((base, i) => {
      expect(waits[i]).toBeGreaterThanOrEqual(base * 0.8);
      expect(waits[i]).toBeLessThanOrEqual(base * 1.2);
    });
  });

  it("delivers each event once when two workers race, and a dead worker's lease expires", async () => {
    receiver = await startTestReceiver();
    await register(admin, ["chat.feedback"]);
    for (let i = 0; i < 20; i++) {
      await emitWebhookEvent(t.db, { type: "chat.feedback", roomId: null, data: { messageId: `m${i}`, userId: ada.id, roomId: null, model: null, rating: 1, comment: null } });
    }
    const drain = async (workerId: string) => {
      while ((await deliverDueWebhooks(deps({ workerId, batchSize: 3 }))) > 0);
    };
    await Promise.all([drain("w1"), drain("w2")]);
    expect(receiver.received).toHaveLength(20);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(20);
    expect((await deliveries()).every((d) => d.status === "succeeded" && d.attempts === 1)).toBe(true);

    await emitWebhookEvent(t.db, { type: "chat.feedback", roomId: null, data: { messageId: "crash", userId: ada.id, roomId: null, model: null, rating: -1, comment: "x" } });
    const now = new Date();
    expect(await claimDueDeliveries(t.db, "crashed", { limit: 5, leaseMs: 60_000, now })).toHaveLength(1);
    expect(await claimDueDeliveries(t.db, "other", { limit: 5, leaseMs: 60_000, now })).toHaveLength(0);
    const later = new Date(now.getTime() + 61_000);
    expect(await claimDueDeliveries(t.db, "other", { limit: 5, leaseMs: 60_000, now: later })).toHaveLength(1);
  });

  it("marks a delivery dead after 24 h and disables an endpoint that failed for 24 h", async () => {
    receiver = await startTestReceiver();
    receiver.respond(() => 503);
    const endpoint = await register(admin, ["room.member.removed", "room.member.added"]);
    const c = clock();
    const start = c.now().getTime();
    await emitWebhookEvent(t.db, { type: "room.member.removed", roomId, data: { roomId, userId: "u", role: "viewer", removedBy: "o" } }, c.now());
    let passes = 0;
    while ((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled) {
      expect(await deliverDueWebhooks(deps({ now: c.now }))).toBe(1);
      const [row] = await deliveries();
      if (row!.status === "failed") c.set(row!.nextAttemptAt);
      expect(++passes).toBeLessThan(40);
    }
    const stored = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.disabledReason).toContain("failed for 24 hours");
    expect(stored.disabledReason).toContain("HTTP 503");
    expect(c.now().getTime() - start).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(await t.db.auditLog.count({ where: { action: "webhook.auto_disabled", targetId: endpoint.id } })).toBe(1);
    const [row] = await deliveries();
    expect(row!.status).toBe("dead");
    expect(row!.attempts).toBe(passes);
    // A disabled endpoint gets nothing new, and cannot be redelivered to until enabled again.
    expect(await emitWebhookEvent(t.db, { type: "room.member.added", roomId, data: { roomId, userId: "u", role: "viewer", addedBy: "o" } })).toBe(0);
    await expect(redeliverWebhookApi(t.db, sessionPrincipal(admin), endpoint.id, row!.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("connects to the address it checked, keeping the URL's host name", async () => {
    receiver = await startTestReceiver();
    const port = new URL(receiver.url).port;
    const resolve = async () => [{ address: "127.0.0.1", family: 4 }];
    await createWebhookEndpointApi({ db: t.db, allowPrivate: true, resolve }, sessionPrincipal(admin), { url: `http://hooks.invalid:${port}/in`, events: ["chat.feedback"] });
    await emitWebhookEvent(t.db, { type: "chat.feedback", roomId: null, data: { messageId: "m", userId: ada.id, roomId: null, model: null, rating: 1, comment: null } });
    await deliverDueWebhooks(deps({ resolve }));
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers.host).toBe(`hooks.invalid:${port}`);
  });

  it("refuses at delivery time an address that turned private, and redelivers with the same webhook-id", async () => {
    receiver = await startTestReceiver();
    const endpoint = await register(admin, ["room.version.saved"]);
    await emitWebhookEvent(t.db, { type: "room.version.saved", roomId, data: { roomId, versionId: "v", label: "L", createdBy: null } });
    await deliverDueWebhooks(deps({ allowPrivate: false }));
    const [refused] = await deliveries();
    expect(refused).toMatchObject({ status: "failed", responseCode: null });
    expect(refused!.lastError).toContain("private");
    expect(receiver.received).toHaveLength(0);

    await t.db.webhookDelivery.update({ where: { id: refused!.id }, data: { status: "dead" } });
    const again = await redeliverWebhookApi(t.db, sessionPrincipal(admin), endpoint.id, refused!.id);
    expect(again).toMatchObject({ eventId: refused!.eventId, status: "pending" });
    await deliverDueWebhooks(deps());
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers["webhook-id"]).toBe(refused!.eventId);
  });
});
