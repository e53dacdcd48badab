import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../auth/api-tokens";
import { resolvePrincipal, sessionPrincipal } from "../auth/principal";
import type { SessionUser } from "../auth/roles";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { resolveDeliveryTarget } from "./address-policy";
import {
  createWebhookEndpointApi,
  deleteWebhookEndpointApi,
  listWebhookDeliveriesApi,
  listWebhookEndpointsApi,
  rotateWebhookSecretApi,
  sendTestWebhookApi,
  updateWebhookEndpointApi,
} from "./webhook-api";

const PUBLIC_URL = "http://93.184.216.34/hooks";

describe("webhook address checks", () => {
  it.each(["http://127.0.0.1/x", "http://10.0.0.8/x", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/x", "http://localhost:3000/x"])(
    "refuses %s, and allows it with WEBHOOK_ALLOW_PRIVATE",
    async (url) => {
      await expect(resolveDeliveryTarget(url, { allowPrivate: false })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
      const target = await resolveDeliveryTarget(url, { allowPrivate: true });
      expect(target.address).toBeTruthy();
    },
  );

  it("refuses a host whose DNS answers include any private address, and connects to the checked one", async () => {
    const resolve = async () => [{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.1", family: 4 }];
    await expect(resolveDeliveryTarget("https://mixed.example/x", { allowPrivate: false, resolve })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const target = await resolveDeliveryTarget("https://public.example/x", { allowPrivate: false, resolve: async () => [{ address: "93.184.216.34", family: 4 }] });
    expect(target).toMatchObject({ address: "93.184.216.34", family: 4 });
    expect(target.url.hostname).toBe("public.example");
  });
});

describe.each(testProviders())("webhook management on %s", (provider) => {
  let t: TestDatabase;
  let admin: SessionUser;
  let owner: SessionUser;
  let editor: SessionUser;
  let roomId: string;
  const deps = () => ({ db: t.db, allowPrivate: false });

  const user = async (email: string, role: "admin" | "member"): Promise<SessionUser> => {
    const row = await t.db.user.create({ data: { email, name: email.split("@")[0]!, role } });
    return { id: row.id, email, name: row.name, role };
  };
  const tokenPrincipal = async (u: SessionUser, scopes: ("rooms:read" | "rooms:write" | "admin")[]) => {
    const { token } = await createApiToken(t.db, u, { name: "t", scopes, expiresInDays: 1 });
    return resolvePrincipal(new Headers({ authorization: `Bearer ${token}` }), { db: t.db, sessionUser: async () => null });
  };

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    admin = await user("admin@example.com", "admin");
    owner = await user("owner@example.com", "member");
    editor = await user("editor@example.com", "member");
    const members = { create: [{ userId: owner.id, role: "owner" }, { userId: editor.id, role: "editor" }] };
    roomId = (await t.db.room.create({ data: { name: "Room", createdBy: owner.id, members } })).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("lets admins manage instance endpoints and room owners their room's, and nobody else", async () => {
    const body = { url: PUBLIC_URL, events: ["room.version.saved"] };
    const instance = await createWebhookEndpointApi(deps(), sessionPrincipal(admin), body);
    expect(instance).toMatchObject({ roomId: null, enabled: true, events: ["room.version.saved"] });
    const room = await createWebhookEndpointApi(deps(), sessionPrincipal(owner), { ...body, roomId });
    expect(room.roomId).toBe(roomId);

    await expect(createWebhookEndpointApi(deps(), sessionPrincipal(owner), body)).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    await expect(createWebhookEndpointApi(deps(), sessionPrincipal(editor), { ...body, roomId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listWebhookEndpointsApi(t.db, sessionPrincipal(editor), { roomId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteWebhookEndpointApi(t.db, sessionPrincipal(editor), room.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listWebhookDeliveriesApi(t.db, sessionPrincipal(owner), instance.id, {})).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    // An admin who is not in the room does not manage its endpoints either.
    await expect(listWebhookEndpointsApi(t.db, sessionPrincipal(admin), { roomId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Tokens: rooms:write for a room's endpoints, admin for the instance's.
    const readOnly = await tokenPrincipal(owner, ["rooms:read"]);
    await expect(listWebhookEndpointsApi(t.db, readOnly, { roomId })).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    const writer = await tokenPrincipal(owner, ["rooms:write"]);
    expect((await listWebhookEndpointsApi(t.db, writer, { roomId })).items.map((e) => e.id)).toEqual([room.id]);
    const adminWriter = await tokenPrincipal(admin, ["rooms:write"]);
    await expect(listWebhookEndpointsApi(t.db, adminWriter, {})).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    expect((await listWebhookEndpointsApi(t.db, await tokenPrincipal(admin, ["admin"]), {})).items.map((e) => e.id)).toEqual([instance.id]);
  });

  it("refuses private URLs at registration, rotates secrets, queues test events and pages deliveries", async () => {
    for (const url of ["http://127.0.0.1:9/x", "http://[::1]/x", "http://localhost/x", "ftp://93.184.216.34/"]) {
      await expect(createWebhookEndpointApi(deps(), sessionPrincipal(admin), { url, events: ["chat.feedback"] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    const allowed = await createWebhookEndpointApi({ db: t.db, allowPrivate: true }, sessionPrincipal(admin), { url: "http://127.0.0.1:9/x", events: ["chat.feedback"] });
    const rotated = await rotateWebhookSecretApi(t.db, sessionPrincipal(admin), allowed.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(allowed.secret);

    for (let i = 0; i < 3; i++) await sendTestWebhookApi(t.db, sessionPrincipal(admin), allowed.id);
    const first = await listWebhookDeliveriesApi(t.db, sessionPrincipal(admin), allowed.id, { limit: "2" });
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({ type: "webhook.test", status: "pending", attempts: 0 });
    const second = await listWebhookDeliveriesApi(t.db, sessionPrincipal(admin), allowed.id, { limit: "2", cursor: first.nextCursor });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items).toHaveLength(1);

    await t.db.webhookDelivery.createMany({ data: Array.from({ length: 47 }, (_, i) => ({ endpointId: allowed.id, eventId: `msg_${i}`, type: "chat.feedback", payload: "{}" })) });
    await expect(sendTestWebhookApi(t.db, sessionPrincipal(admin), allowed.id)).rejects.toMatchObject({ code: "RATE_LIMITED" });

    const off = await updateWebhookEndpointApi(t.db, sessionPrincipal(admin), allowed.id, { enabled: false });
    expect(off).toMatchObject({ enabled: false, disabledReason: "Disabled by hand." });
    await expect(sendTestWebhookApi(t.db, sessionPrincipal(admin), allowed.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteWebhookEndpointApi(t.db, sessionPrincipal(admin), allowed.id);
    await expect(listWebhookDeliveriesApi(t.db, sessionPrincipal(admin), allowed.id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
