import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintCollabToken, verifyCollabToken } from "./collab-token";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { AppError } from "../errors/app-error";
import { changeMemberRole, inviteMember, leaveRoom, removeMember } from "./members";
import { getRoomRole } from "./membership";
import { createRoom, deleteRoom, getRoomForMember, listRoomsForUser, updateRoom } from "./rooms";

const SECRET = "rooms-test-secret-rooms-test-secret-rooms-test";

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((err) => err instanceof AppError && err.code === code);
}

describe.each(testProviders())("rooms and membership on %s", (provider) => {
  let t: TestDatabase;
  let ada: { id: string; email: string };
  let bob: { id: string; email: string };
  let cy: { id: string; email: string };
  const user = (email: string, name: string) => t.db.user.create({ data: { email, name }, select: { id: true, email: true } });

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    ada = await user("ada@example.com", "Ada");
    bob = await user("bob@example.com", "Bob");
    cy = await user("cy@example.com", "Cy");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("creates a room owned by its creator and lists it for members only", async () => {
    const room = await createRoom(t.db, ada.id, { name: "  Compiler  ", description: "parsing things" });
    expect(room).toMatchObject({ name: "Compiler", description: "parsing things", role: "owner", memberCount: 1 });
    expect((await listRoomsForUser(t.db, ada.id)).map((r) => r.id)).toContain(room.id);
    expect(await listRoomsForUser(t.db, bob.id)).toEqual([]);
    await expectCode(createRoom(t.db, ada.id, { name: " " }), "VALIDATION_FAILED");
    await expectCode(createRoom(t.db, ada.id, { name: "half \ud800 emoji" }), "VALIDATION_FAILED");
    await expectCode(updateRoom(t.db, ada.id, room.id, { name: "\udc00" }), "VALIDATION_FAILED");
  });

  it("hides rooms from non-members with NOT_FOUND and checks permissions by role", async () => {
    const room = await createRoom(t.db, ada.id, { name: "Secret" });
    await expectCode(getRoomForMember(t.db, room.id, bob.id), "NOT_FOUND");
    await expectCode(getRoomForMember(t.db, "no-such-room", bob.id), "NOT_FOUND");
    await expectCode(updateRoom(t.db, bob.id, room.id, { name: "Mine" }), "NOT_FOUND");
    await inviteMember(t.db, ada.id, room.id, { email: "BOB@example.com ", role: "editor" });
    await inviteMember(t.db, ada.id, room.id, { email: cy.email, role: "viewer" });
    const details = await getRoomForMember(t.db, room.id, cy.id);
    expect(details.role).toBe("viewer");
    expect(details.members.map((m) => [m.email, m.role])).toEqual([
      ["ada@example.com", "owner"],
      ["bob@example.com", "editor"],
      ["cy@example.com", "viewer"],
    ]);
    await expectCode(updateRoom(t.db, bob.id, room.id, { name: "Mine" }), "FORBIDDEN");
    await expectCode(inviteMember(t.db, bob.id, room.id, { email: "x@example.com", role: "viewer" }), "FORBIDDEN");
    await expectCode(inviteMember(t.db, ada.id, room.id, { email: bob.email, role: "viewer" }), "CONFLICT");
    await expectCode(inviteMember(t.db, ada.id, room.id, { email: "ghost@example.com", role: "viewer" }), "NOT_FOUND");
    await expectCode(inviteMember(t.db, ada.id, room.id, { email: cy.email, role: "owner" as "editor" }), "VALIDATION_FAILED");
    await updateRoom(t.db, ada.id, room.id, { name: "Renamed", description: "new" });
    expect((await getRoomForMember(t.db, room.id, bob.id)).name).toBe("Renamed");
  });

  it("changes roles, keeps at least one owner, and lets members leave", async () => {
    const room = await createRoom(t.db, ada.id, { name: "Owners" });
    await inviteMember(t.db, ada.id, room.id, { email: bob.email, role: "editor" });
    await expectCode(changeMemberRole(t.db, ada.id, room.id, { userId: ada.id, role: "editor" }), "CONFLICT");
    await expectCode(leaveRoom(t.db, ada.id, room.id), "CONFLICT");
    await changeMemberRole(t.db, ada.id, room.id, { userId: bob.id, role: "owner" });
    await changeMemberRole(t.db, bob.id, room.id, { userId: ada.id, role: "viewer" });
    expect(await getRoomRole(t.db, room.id, ada.id)).toBe("viewer");
    await expectCode(removeMember(t.db, ada.id, room.id, bob.id), "FORBIDDEN");
    await leaveRoom(t.db, ada.id, room.id);
    expect(await getRoomRole(t.db, room.id, ada.id)).toBeNull();
    await inviteMember(t.db, bob.id, room.id, { email: cy.email, role: "viewer" });
    await removeMember(t.db, bob.id, room.id, cy.id);
    await expectCode(removeMember(t.db, bob.id, room.id, cy.id), "NOT_FOUND");
  });

  it("never leaves a room without an owner, even when two owners demote each other at once", async () => {
    const room = await createRoom(t.db, ada.id, { name: "Race" });
    await inviteMember(t.db, ada.id, room.id, { email: bob.email, role: "editor" });
    await changeMemberRole(t.db, ada.id, room.id, { userId: bob.id, role: "owner" });
    const results = await Promise.allSettled([
      changeMemberRole(t.db, ada.id, room.id, { userId: bob.id, role: "editor" }),
      changeMemberRole(t.db, bob.id, room.id, { userId: ada.id, role: "editor" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeLessThanOrEqual(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toSatisfy((e) => e instanceof AppError);
    expect(await t.db.roomMember.count({ where: { roomId: room.id, role: "owner" } })).toBeGreaterThanOrEqual(1);
  });

  it("mints room tokens for members only", async () => {
    const room = await createRoom(t.db, ada.id, { name: "Tokens" });
    await inviteMember(t.db, ada.id, room.id, { email: cy.email, role: "viewer" });
    const minted = await mintCollabToken(t.db, SECRET, { userId: cy.id, roomId: room.id });
    expect(minted.role).toBe("viewer");
    const verified = await verifyCollabToken(SECRET, minted.token, room.id);
    expect(verified).toMatchObject({ ok: true, claims: { userId: cy.id, roomId: room.id, role: "viewer" } });
    await expectCode(mintCollabToken(t.db, SECRET, { userId: bob.id, roomId: room.id }), "NOT_FOUND");
    await t.db.user.update({ where: { id: cy.id }, data: { disabled: true } });
    await expectCode(mintCollabToken(t.db, SECRET, { userId: cy.id, roomId: room.id }), "NOT_FOUND");
    await t.db.user.update({ where: { id: cy.id }, data: { disabled: false } });
  });

  it("deletes a room with everything in it (owners only)", async () => {
    const room = await createRoom(t.db, ada.id, { name: "Doomed" });
    await inviteMember(t.db, ada.id, room.id, { email: bob.email, role: "editor" });
    await t.db.collabUpdate.create({ data: { roomId: room.id, update: new Uint8Array([0, 0]) } });
    await t.db.roomChatMessage.create({ data: { roomId: room.id, userId: bob.id, body: "bye" } });
    await expectCode(deleteRoom(t.db, bob.id, room.id), "FORBIDDEN");
    await deleteRoom(t.db, ada.id, room.id);
    expect(await t.db.room.count({ where: { id: room.id } })).toBe(0);
    expect(await t.db.roomMember.count({ where: { roomId: room.id } })).toBe(0);
    expect(await t.db.collabUpdate.count({ where: { roomId: room.id } })).toBe(0);
    expect(await t.db.roomChatMessage.count({ where: { roomId: room.id } })).toBe(0);
    const audit = await t.db.auditLog.findMany({ where: { targetId: room.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(["room.created", "room.deleted", "room.member_added"]);
  });
});
