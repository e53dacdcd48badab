import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteRoom } from "../collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { ORPHAN_MIN_AGE_MS, removeOrphanUploads } from "./orphan-uploads";
import { prose } from "./test-fixtures";
import { createKnowledgeHarness, type KnowledgeHarness } from "./test-support";

describe.each(testProviders())("orphaned uploads on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let dir: string;
  let ada: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    dir = mkdtempSync(join(tmpdir(), "eca-orphans-"));
    k = createKnowledgeHarness(t.db, undefined, dir);
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("removes old files of deleted rooms' documents and crashed partial uploads, and keeps the rest", async () => {
    const room = await t.db.room.create({ data: { name: "Gone", members: { create: { userId: ada, role: "owner" } } } });
    const kept = await k.upload(ada, "kept.md", `# Kept\n\n${prose(50, 1)}`);
    const roomDoc = await k.upload(ada, "room.md", `# Room\n\n${prose(50, 2)}`, room.id);
    await deleteRoom(t.db, ada, room.id);
    const partial = `${randomUUID()}.part`;
    const fresh = randomUUID();
    writeFileSync(join(dir, partial), "half");
    writeFileSync(join(dir, fresh), "just uploaded, row not written yet");
    writeFileSync(join(dir, "notes.txt"), "not ours");

    const keyOf = async (id: string) => (await t.db.knowledgeDocument.findUnique({ where: { id } }))?.storageKey;
    const keptKey = (await keyOf(kept.id))!;
    expect(await keyOf(roomDoc.id)).toBeUndefined();
    const roomFile = readdirSync(dir).find((n) => ![keptKey, partial, fresh, "notes.txt"].includes(n))!;
    const old = new Date(Date.now() - ORPHAN_MIN_AGE_MS - 60_000);
    for (const name of [keptKey, partial, roomFile, "notes.txt"]) utimesSync(join(dir, name), old, old);

    expect(await removeOrphanUploads(t.db, dir)).toBe(2);
    expect(existsSync(join(dir, partial))).toBe(false);
    expect(existsSync(join(dir, roomFile))).toBe(false);
    expect(existsSync(join(dir, keptKey))).toBe(true);
    expect(existsSync(join(dir, fresh))).toBe(true);
    expect(existsSync(join(dir, "notes.txt"))).toBe(true);
  });
});
