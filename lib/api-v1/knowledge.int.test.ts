import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPrincipal, type Principal } from "../auth/principal";
import type { SessionUser } from "../auth/roles";
import { inviteMember } from "../collab/members";
import { createRoom } from "../collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import type { UploadDeps } from "../knowledge/upload";
import { createKnowledgeHarness, type KnowledgeHarness } from "../knowledge/test-support";
import { deleteDocumentEndpoint, listDocumentsEndpoint, readDocumentEndpoint, searchKnowledgeEndpoint, uploadDocumentEndpoint } from "./knowledge-endpoints";
import { apiTestUser, tokenPrincipal } from "./testing";

const LIMITS = { maxFileBytes: 64 * 1024, quotaBytes: 1024 * 1024 };

describe.each(testProviders())("REST v1 knowledge on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let ada: SessionUser;
  let bob: SessionUser;
  let deps: UploadDeps;

  const code = (promise: Promise<unknown>) => promise.then(() => "ok", (err: { code?: string }) => err.code);
  function upload(p: Principal, query: Record<string, string>, text: string, declaredBytes = Buffer.byteLength(text)) {
    return uploadDocumentEndpoint(deps, p, { query, declaredBytes, body: Readable.from([Buffer.from(text)]) });
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    k = createKnowledgeHarness(t.db);
    deps = { db: t.db, uploadsDir: k.deps.uploadsDir, limits: LIMITS };
    [ada, bob] = await Promise.all([apiTestUser(t.db, "Ada"), apiTestUser(t.db, "Bob")]);
  });
  afterAll(async () => {
    k?.dispose();
    await t?.dispose();
  });

  it("uploads a raw file, reports its status until ready, finds it with citations, and deletes it", async () => {
    const p = await tokenPrincipal(t.db, ada, ["knowledge:read", "knowledge:write"]);
    const text = "# Backups\n\n## Schedule\n\nBackups run nightly with pg_dump and are kept for thirty days in object storage.\n";
    const { document } = await upload(p, { name: "ops/backups.md" }, text);
    expect(document).toMatchObject({ name: "ops/backups.md", status: "queued", sizeBytes: Buffer.byteLength(text), error: null, roomId: null });
    await k.drain();
    expect(await readDocumentEndpoint(t.db, p, document.id)).toMatchObject({ id: document.id, status: "ready", chunkCount: 1 });

    const found = await searchKnowledgeEndpoint({ db: t.db }, p, { q: "how long are backups kept" });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]!.score).toBeGreaterThan(0);
    expect(found.items[0]!.citation).toEqual({
      documentId: document.id,
      documentName: "ops/backups.md",
      page: null,
      heading: "Backups › Schedule",
      excerpt: expect.stringContaining("thirty days"),
    });

    await deleteDocumentEndpoint(deps, p, document.id);
    expect(await code(readDocumentEndpoint(t.db, p, document.id))).toBe("NOT_FOUND");
    expect((await searchKnowledgeEndpoint({ db: t.db }, p, { q: "how long are backups kept" })).items).toEqual([]);
  });

  it("pages the list, filters it by status, and reports failures", async () => {
    const p = sessionPrincipal(bob);
    for (const name of ["a.md", "b.md", "c.md"]) await upload(p, { name }, `# ${name}\n\nSome notes about ${name} and the release train.\n`);
    await upload(p, { name: "empty.md" }, "   \n");
    await k.drain();
    const first = await listDocumentsEndpoint(t.db, p, { limit: "3" });
    expect(first.items.map((d) => d.name)).toEqual(["empty.md", "c.md", "b.md"]);
    const second = await listDocumentsEndpoint(t.db, p, { limit: "3", cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ name: "a.md" })], nextCursor: null });
    const failed = await listDocumentsEndpoint(t.db, p, { status: "failed" });
    expect(failed.items).toEqual([expect.objectContaining({ name: "empty.md", status: "failed", errorCode: expect.any(String), error: expect.any(String) })]);
    expect(await code(listDocumentsEndpoint(t.db, p, { status: "lost" }))).toBe("VALIDATION_FAILED");
  });

  it("applies the upload page's limits and room rights", async () => {
    const p = sessionPrincipal(ada);
    expect(await code(upload(p, { name: "big.md" }, "x", LIMITS.maxFileBytes + 1))).toBe("TOO_LARGE");
    expect(await code(upload(p, { name: "big.md" }, "x".repeat(LIMITS.maxFileBytes + 10), 0))).toBe("TOO_LARGE");
    expect(await code(upload(p, { name: "" }, "text"))).toBe("VALIDATION_FAILED");

    const room = await createRoom(t.db, ada.id, { name: "Docs" });
    const outsider = sessionPrincipal(bob);
    expect(await code(upload(outsider, { name: "x.md", roomId: room.id }, "text"))).toBe("NOT_FOUND");
    expect(await code(listDocumentsEndpoint(t.db, outsider, { roomId: room.id }))).toBe("NOT_FOUND");
    expect(await code(searchKnowledgeEndpoint({ db: t.db }, outsider, { q: "text", roomId: room.id }))).toBe("NOT_FOUND");
    await inviteMember(t.db, ada.id, room.id, { email: bob.email, role: "viewer" });
    expect(await code(upload(outsider, { name: "x.md", roomId: room.id }, "text"))).toBe("FORBIDDEN");
    const inRoom = await upload(p, { name: "room.md", roomId: room.id }, "# Room\n\nThe room's runbook mentions the staging cluster.\n");
    await k.drain();
    expect(await readDocumentEndpoint(t.db, outsider, inRoom.document.id)).toMatchObject({ roomId: room.id, status: "ready" });
    expect(await code(deleteDocumentEndpoint(deps, outsider, inRoom.document.id))).toBe("FORBIDDEN");
  });

  it("refuses missing scopes and other users' documents", async () => {
    const { document } = await upload(sessionPrincipal(ada), { name: "mine.md" }, "# Mine\n\nPrivate notes.\n");
    const bobReader = await tokenPrincipal(t.db, bob, ["knowledge:read", "knowledge:write"]);
    expect(await code(readDocumentEndpoint(t.db, bobReader, document.id))).toBe("NOT_FOUND");
    expect(await code(deleteDocumentEndpoint(deps, bobReader, document.id))).toBe("NOT_FOUND");
    expect(await code(readDocumentEndpoint(t.db, bobReader, "not/an/id"))).toBe("NOT_FOUND");

    const readOnly = await tokenPrincipal(t.db, ada, ["knowledge:read"]);
    expect(await code(upload(readOnly, { name: "x.md" }, "text"))).toBe("INSUFFICIENT_SCOPE");
    expect(await code(deleteDocumentEndpoint(deps, readOnly, document.id))).toBe("INSUFFICIENT_SCOPE");
    const chatOnly = await tokenPrincipal(t.db, ada, ["chat"]);
    for (const call of [
      () => listDocumentsEndpoint(t.db, chatOnly, {}),
      () => readDocumentEndpoint(t.db, chatOnly, document.id),
      () => searchKnowledgeEndpoint({ db: t.db }, chatOnly, { q: "notes" }),
    ]) {
      expect(await code(call())).toBe("INSUFFICIENT_SCOPE");
    }
  });
});
