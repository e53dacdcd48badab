import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../auth/principal";
import type { ApiScope } from "../auth/scopes";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import {
  addMemberEndpoint,
  changeMemberRoleEndpoint,
  createRoomEndpoint,
  getRoomEndpoint,
  listMembersEndpoint,
  removeMemberEndpoint,
} from "./room-endpoints";
import { listRoomsEndpoint } from "./room-file-endpoints";
import { exportRoomEndpoint, listVersionsEndpoint } from "./room-version-endpoints";

type User = { id: string; email: string; name: string };

function as(user: User, scopes: ApiScope[] = ["rooms:read", "rooms:write"]): Principal {
  return { user: { ...user, role: "member" }, scopes: new Set(scopes), via: "token", tokenId: "t" };
}

describe.each(testProviders())("rooms endpoints of REST v1 on %s", (provider) => {
  let t: TestDatabase;
  let ada: User;
  let bob: User;
  const user = (email: string, name: string) => t.db.user.create({ data: { email, name }, select: { id: true, email: true, name: true } });

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    ada = await user("ada@example.com", "Ada");
    bob = await user("bob@example.com", "Bob");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("creates rooms and pages through them with a cursor", async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createRoomEndpoint(t.db, as(ada), { name: `Room ${i}` }));
    expect(created[0]).toMatchObject({ name: "Room 0", description: "", role: "owner" });
    expect(created[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRoomsEndpoint(t.db, as(ada), { limit: "2", ...(cursor && { cursor }) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(created.map((r) => r.id).sort());
    expect((await listRoomsEndpoint(t.db, as(bob), {})).items).toEqual([]);
    await expect(listRoomsEndpoint(t.db, as(ada), { limit: "201" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(listRoomsEndpoint(t.db, as(ada, ["chat"]), {})).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    await expect(createRoomEndpoint(t.db, as(ada, ["rooms:read"]), { name: "x" })).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
  });

  it("manages members with the rooms' own rules", async () => {
    const room = await createRoomEndpoint(t.db, as(ada), { name: "Team" });
    expect(await addMemberEndpoint(t.db, as(ada), room.id, { email: bob.email, role: "viewer" })).toEqual({
      userId: bob.id,
      email: bob.email,
      name: "Bob",
      role: "viewer",
    });
    await expect(addMemberEndpoint(t.db, as(bob), room.id, { email: ada.email, role: "editor" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getRoomEndpoint(t.db, as(bob, ["rooms:read"]), room.id)).members.map((m) => m.role)).toEqual(["owner", "viewer"]);
    expect(await changeMemberRoleEndpoint(t.db, as(ada), room.id, bob.id, { role: "editor" })).toMatchObject({ userId: bob.id, role: "editor" });
    await expect(changeMemberRoleEndpoint(t.db, as(ada), room.id, ada.id, { role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT" });
    await removeMemberEndpoint(t.db, as(ada), room.id, bob.id);
    expect((await listMembersEndpoint(t.db, as(ada), room.id)).items.map((m) => m.userId)).toEqual([ada.id]);
    await expect(getRoomEndpoint(t.db, as(bob), room.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRoomEndpoint(t.db, as(ada), "not a room id")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists versions and exports a zip for members only", async () => {
    const room = await createRoomEndpoint(t.db, as(ada), { name: "Zip me" });
    expect(await listVersionsEndpoint(t.db, as(ada), room.id)).toEqual({ items: [] });
    const { fileName, zip } = await exportRoomEndpoint(t.db, as(ada, ["rooms:read"]), room.id);
    expect(fileName).toBe("Zip-me.zip");
    expect(Buffer.from(zip.subarray(0, 2)).toString()).toBe("PK");
    await expect(exportRoomEndpoint(t.db, as(bob), room.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
