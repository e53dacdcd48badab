import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { inviteMember, leaveRoom, removeMember } from "./members";
import { createRoom } from "./rooms";
import { saveVersion } from "./versions";

describe.each(testProviders())("room webhook events on %s", (provider) => {
  let t: TestDatabase;
  let owner: string;
  let roomId: string;
  let endpointId: string;

  const queued = async () =>
    (await t.db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } })).map((d) => ({
      type: d.type,
      data: (JSON.parse(d.payload) as { data: Record<string, unknown> }).data,
    }));

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    owner = (await t.db.user.create({ data: { email: "owner@example.com", name: "Owner" } })).id;
    await t.db.user.create({ data: { email: "bob@example.com", name: "Bob" } });
    roomId = (await createRoom(t.db, owner, { name: "Events", description: "" })).id;
    const events = "room.member.added room.member.removed room.version.saved";
    endpointId = (await t.db.webhookEndpoint.create({ data: { roomId, url: "http://93.184.216.34/", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", events } })).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("queues an event when members are added, removed or leave and when a version is saved", async () => {
    const bob = (await inviteMember(t.db, owner, roomId, { email: "bob@example.com", role: "viewer" })).userId;
    await removeMember(t.db, owner, roomId, bob);
    await inviteMember(t.db, owner, roomId, { email: "bob@example.com", role: "editor" });
    await leaveRoom(t.db, bob, roomId);
    const version = await saveVersion(t.db, { roomId, userId: owner, label: "Release" });
    expect(await queued()).toEqual([
      { type: "room.member.added", data: { roomId, userId: bob, role: "viewer", addedBy: owner } },
      { type: "room.member.removed", data: { roomId, userId: bob, role: "viewer", removedBy: owner } },
      { type: "room.member.added", data: { roomId, userId: bob, role: "editor", addedBy: owner } },
      { type: "room.member.removed", data: { roomId, userId: bob, role: "editor", removedBy: bob } },
      { type: "room.version.saved", data: { roomId, versionId: version.id, label: "Release", createdBy: owner } },
    ]);
  });

  it("queues nothing when the change itself is refused", async () => {
    const before = (await queued()).length;
    await expect(removeMember(t.db, owner, roomId, owner)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await queued()).toHaveLength(before);
  });
});
