import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteMember } from "../collab/members";
import { createRoom } from "../collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { AppError } from "../errors/app-error";
import { deleteDocument, getDocument, listChunks, listDocuments, replaceDuplicate, reviewDocument } from "./documents";
import { openOriginal } from "./download";
import { setRequireApproval } from "./scope";
import { buildDocx, buildPdf, buildPng, buildRawZip, DOCX_PACKAGE_PARTS, deflatedEntry, prose, zerosDeflateBomb } from "./test-fixtures";
import { createKnowledgeHarness, type KnowledgeHarness } from "./test-support";

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((err) => err instanceof AppError && err.code === code);
}

describe.each(testProviders())("knowledge ingestion on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let ada: string;
  let bob: string;
  let roomId: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    k = createKnowledgeHarness(t.db);
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
    bob = (await t.db.user.create({ data: { email: "bob@example.com", name: "Bob" } })).id;
    roomId = (await createRoom(t.db, ada, { name: "Docs" })).id;
    await inviteMember(t.db, ada, roomId, { email: "bob@example.com", role: "viewer" });
  });
  afterAll(async () => {
    k?.dispose();
    await t?.dispose();
  });

  it("ingests every supported format to ready with chunks, positions and headings", async () => {
    const files: [string, Uint8Array | string][] = [
      ["guide.md", `# Guide\n\n## Install\n\n${prose(120, 3)}\n\n## Usage\n\n${prose(120, 4)}\n`],
      ["notes.txt", prose(200, 5)],
      ["page.html", `<html><body><h1>Deploy</h1><p>${prose(80, 6)}</p><pre><code>npm run deploy</code></pre></body></html>`],
      ["main.ts", `export function add(a: number, b: number): number {\n  return a + b;\n}\n// ${prose(60, 7)}\n`],
      ["config.json", JSON.stringify({ name: "service", description: prose(40, 8), replicas: 3 }, null, 2)],
      ["data.csv", `name,role,team\n${Array.from({ length: 30 }, (_, i) => `person${i},engineer,team${i % 4}`).join("\n")}\n`],
      ["settings.yaml", `server:\n  port: 8080\n  description: ${prose(30, 9).replace(/\n/g, " ")}\n`],
      ["manual.pdf", buildPdf([["Chapter one", prose(40, 10)], ["Chapter two", prose(40, 11)]])],
      ["spec.docx", await buildDocx([{ text: "Specification", style: "Heading1" }, { text: prose(80, 12) }])],
    ];
    for (const [name, bytes] of files) {
      const doc = await k.ingest(ada, name, bytes);
      expect(doc, name).toMatchObject({ status: "ready", failureCode: null });
    }
    const pdf = (await listDocuments(t.db, ada, {})).find((d) => d.name === "manual.pdf")!;
    const chunks = await listChunks(t.db, ada, pdf.id);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks[0]!.pageStart).toBe(1);
    const md = (await listDocuments(t.db, ada, { }, { nameQuery: "guide" }))[0]!;
    const mdChunks = await listChunks(t.db, ada, md.id);
    expect(mdChunks.some((c) => c.headingPath.includes("Install") && c.lineStart !== null)).toBe(true);
    const detail = await getDocument(t.db, ada, md.id);
    expect(detail.qualityScore).toBeGreaterThan(40);
    expect(detail.text).toContain("## Install");
    expect(k.events.filter((e) => e.type === "knowledge.ingested").length).toBe(files.length);
  });

  it("fails bad files with a specific reason and leaves nothing in the index", async () => {
    const bomb = { name: "word/document.xml", data: zerosDeflateBomb(256), deflated: true, uncompressedSize: 256 * 1024 ** 2 };
    const parts = Object.entries(DOCX_PACKAGE_PARTS).map(([name, content]) => deflatedEntry(name, content));
    const pdf = buildPdf([["Some text on a page that will be cut"]]);
    const cases: [string, Uint8Array | string, string][] = [
      ["empty.txt", "", "EMPTY"],
      ["image.md", buildPng(), "UNSUPPORTED_TYPE"],
      ["program.txt", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(200).fill(0)]), "UNSUPPORTED_TYPE"],
      ["scan.pdf", buildPdf([[], []]), "NO_TEXT"],
      ["bomb.docx", buildRawZip([...parts, bomb]), "UNSAFE_ARCHIVE"],
      ["truncated.pdf", pdf.slice(0, Math.floor(pdf.length / 2)), "CORRUPT"],
    ];
    for (const [name, bytes, code] of cases) {
      const doc = await k.ingest(ada, name, bytes);
      expect(doc, name).toMatchObject({ status: "failed", failureCode: code });
      expect(doc.failureMessage, name).toBeTruthy();
      expect(await t.db.knowledgeChunk.count({ where: { documentId: doc.id } }), name).toBe(0);
    }
    expect(k.events.filter((e) => e.type === "knowledge.failed").map((e) => e.data!.reason)).toEqual(cases.map((c) => c[2]));
  });

  it("keeps path traversal and control characters out of names", async () => {
    const doc = await k.upload(ada, "../../etc/\u0007passwd.txt", "hello");
    expect(doc.name).toBe("etc/passwd.txt");
  });

  it("reports exact duplicates in a scope with the option to replace, and flags near-duplicates as conflicts", async () => {
    const text = `# Runbook\n\n${prose(300, 20)}\n`;
    const first = await k.ingest(ada, "runbook.md", text);
    expect(first.status).toBe("ready");
    const again = await k.ingest(ada, "runbook-copy.txt", `${text}\n\n`);
    expect(again).toMatchObject({ status: "failed", failureCode: "DUPLICATE" });
    expect(again.failureMessage).toContain('"runbook.md"');
    // The same content in another scope is not a duplicate.
    expect((await k.ingest(ada, "runbook.md", text, roomId)).status).toBe("ready");

    const edited = text.replace(/server/, "servers").replace(/cache/, "caches");
    const near = await k.ingest(ada, "runbook-v2.md", edited);
    expect(near.status).toBe("ready");
    expect((await getDocument(t.db, ada, near.id)).conflictWith?.name).toBe("runbook.md");

    await replaceDuplicate(t.db, ada, again.id, k.deps.uploadsDir);
    await k.drain();
    const replaced = await getDocument(t.db, ada, again.id);
    expect(replaced.status).toBe("ready");
    expect(await t.db.knowledgeDocument.findUnique({ where: { id: first.id } })).toBeNull();
  });

  it("lets room owners and editors write, members read, and keeps others out", async () => {
    const doc = await k.ingest(ada, "room-notes.md", `# Notes\n\n${prose(100, 30)}`, roomId);
    expect((await listDocuments(t.db, bob, { roomId })).map((d) => d.id)).toContain(doc.id);
    await expectCode(k.upload(bob, "x.md", "viewer upload", roomId), "FORBIDDEN");
    await expectCode(deleteDocument(t.db, bob, doc.id, k.deps.uploadsDir), "FORBIDDEN");
    const personal = await k.ingest(ada, "diary.md", `# Diary\n\n${prose(100, 31)}`);
    await expectCode(getDocument(t.db, bob, personal.id), "NOT_FOUND");
    const carol = (await t.db.user.create({ data: { email: "carol@example.com", name: "Carol" } })).id;
    await expectCode(listDocuments(t.db, carol, { roomId }), "NOT_FOUND");
  });

  it("holds new room documents for approval when the room requires it", async () => {
    await expectCode(setRequireApproval(t.db, bob, roomId, true), "FORBIDDEN");
    await setRequireApproval(t.db, ada, roomId, true);
    const doc = await k.ingest(ada, "policy.md", `# Policy\n\n${prose(100, 40)}`, roomId);
    expect(doc.status).toBe("pending_approval");
    await expectCode(reviewDocument(t.db, bob, doc.id, "approve"), "FORBIDDEN");
    await reviewDocument(t.db, ada, doc.id, "approve");
    expect((await getDocument(t.db, ada, doc.id)).status).toBe("ready");
    const other = await k.ingest(ada, "draft.md", `# Draft\n\n${prose(100, 41)}`, roomId);
    await reviewDocument(t.db, ada, other.id, "reject");
    expect((await getDocument(t.db, ada, other.id)).status).toBe("rejected");
    expect(await t.db.knowledgeChunk.count({ where: { documentId: other.id } })).toBe(0);
    await setRequireApproval(t.db, ada, roomId, false);
  });

  it("keeps the original for download by readers only", async () => {
    const doc = await k.ingest(ada, "keep/original.md", "# Original\n\nKept byte for byte.\n");
    const file = await openOriginal(t.db, ada, doc.id, k.deps.uploadsDir);
    expect(file.fileName).toBe("original.md");
    expect(await new Response(file.body).text()).toBe("# Original\n\nKept byte for byte.\n");
    await expectCode(openOriginal(t.db, bob, doc.id, k.deps.uploadsDir), "NOT_FOUND");
  });

  it("deletes a document with its chunks and file", async () => {
    const doc = await k.ingest(ada, "temp.md", `# Temp\n\n${prose(100, 50)}`);
    expect(await t.db.knowledgeChunk.count({ where: { documentId: doc.id } })).toBeGreaterThan(0);
    await deleteDocument(t.db, ada, doc.id, k.deps.uploadsDir);
    expect(await t.db.knowledgeChunk.count({ where: { documentId: doc.id } })).toBe(0);
    await expectCode(getDocument(t.db, ada, doc.id), "NOT_FOUND");
    await expectCode(openOriginal(t.db, ada, doc.id, k.deps.uploadsDir), "NOT_FOUND");
  });
});
