import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoom, deleteRoom } from "../../collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../../db/test-database";
import type { DbProvider } from "../../db/target";
import { lexicalSearch } from "./lexical";
import { postgresLexicalSearch } from "./postgres-lexical";
import type { PassBudgets } from "./pruned-ranking";
import { searchTerms } from "./query";
import type { ScopeIds } from "./scope-ids";
import { sqliteLexicalSearch } from "./sqlite-lexical";

/** A seeded generator so every run builds the same corpus. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const WORDS = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);

/** Words drawn with a skew (word i about 1/(i+1) as often as the first), as in prose. */
function skewedText(next: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.min(WORDS.length - 1, Math.floor(Math.exp(next() * Math.log(WORDS.length + 1))) - 1)]).join(" ");
}

/** Every match ranked: no threshold fits an unbounded budget. */
const EVERY_MATCH: PassBudgets = { all: Infinity, first: Infinity, second: Infinity };

describe.each(testProviders())("pruned knowledge search on %s", (provider: DbProvider) => {
  let t: TestDatabase;
  let ada: string;
  let bob: string;
  const search = (terms: string[], scope: ScopeIds, budgets?: PassBudgets, limit = 6) =>
    (provider === "postgresql" ? postgresLexicalSearch : sqliteLexicalSearch)(t.db, terms, scope, limit, 0.5, budgets);

  async function addDocument(userId: string | null, texts: string[], roomId: string | null = null): Promise<string> {
    const uploader = userId ?? ada;
    const doc = await t.db.knowledgeDocument.create({
      data: { userId, roomId, name: `doc-${texts.length}.md`, sizeBytes: 1, storageKey: `k-${Math.random()}`, status: "ready", uploadedById: uploader },
    });
    await t.db.knowledgeChunk.createMany({
      data: texts.map((text, ordinal) => ({ documentId: doc.id, ordinal, text, tokenCount: 40, startOffset: 0, endOffset: text.length })),
    });
    return doc.id;
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
    bob = (await t.db.user.create({ data: { email: "bob@example.com", name: "Bob" } })).id;
    const next = random(11);
    for (let d = 0; d < 12; d++) await addDocument(ada, Array.from({ length: 50 }, () => skewedText(next, 40)));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("ranks the one chunk with the rare word first, though common words fill every chunk", async () => {
    const common = Array.from({ length: 300 }, (_, i) => `ledger ledger ledger ledger ledger audit audit audit audit audit entry ${i}`);
    await addDocument(ada, [...common.slice(0, 150), "The ledger uses the quasar checksum.", ...common.slice(150)]);
    const hits = await lexicalSearch(t.db, [{ kind: "personal", userId: ada }], "ledger audit quasar", 6);
    const first = await t.db.knowledgeChunk.findUniqueOrThrow({ where: { id: hits[0]!.chunkId } });
    expect(first.text).toContain("quasar");
  });

  it("returns the full ranking whenever a pass can certify it, however small the first pass", async () => {
    const next = random(5);
    for (let q = 0; q < 40; q++) {
      const terms = searchTerms(skewedText(next, 2 + Math.floor(next() * 5)));
      const scope = { userId: ada, roomId: null };
      const full = await search(terms, scope, EVERY_MATCH);
      const pruned = await search(terms, scope, { all: 0, first: 20, second: Infinity });
      expect(pruned.map((r) => r.id), terms.join(" ")).toEqual(full.map((r) => r.id));
      expect(pruned.map((r) => r.score)).toEqual(full.map((r) => r.score).map((s) => expect.closeTo(s, 9)));
    }
  });

  it("scores what a single small pass returns as the full ranking does, best first", async () => {
    const next = random(9);
    for (let q = 0; q < 20; q++) {
      const terms = searchTerms(skewedText(next, 3));
      const scope = { userId: ada, roomId: null };
      const all = await search(terms, scope, EVERY_MATCH, 1000);
      const pruned = await search(terms, scope, { all: 0, first: 60, second: 60 });
      expect(pruned).toHaveLength(Math.min(6, all.length));
      const scoreOf = new Map(all.map((r) => [r.id, r.score]));
      for (const hit of pruned) expect(hit.score).toBeCloseTo(scoreOf.get(hit.id)!, 9);
      expect(pruned.map((r) => r.score)).toEqual([...pruned.map((r) => r.score)].sort((a, b) => b - a));
    }
  });

  it("ranks chunks that few raw scores beat when demotions push the best ones down", async () => {
    const texts = Array.from({ length: 260 }, (_, i) => `${"ember ".repeat(1 + (i % 4))}glow ${i}`);
    const doc = await addDocument(ada, texts);
    const chunks = await t.db.knowledgeChunk.findMany({ where: { documentId: doc }, orderBy: { ordinal: "asc" } });
    const plain = chunks.filter((c) => c.ordinal % 4 === 0).slice(0, 6).map((c) => c.id);
    await t.db.knowledgeChunk.updateMany({ where: { documentId: doc, id: { notIn: plain } }, data: { demotion: 1000 } });
    const hits = await lexicalSearch(t.db, [{ kind: "personal", userId: ada }], "ember", 6);
    expect(hits.map((h) => h.chunkId).sort((a, b) => a - b)).toEqual(plain);
    await t.db.knowledgeChunk.updateMany({ where: { documentId: doc }, data: { demotion: 0 } });
  });

  it("finds the chunks of a scope that holds a tiny part of the index", async () => {
    const roomId = (await createRoom(t.db, bob, { name: "Small" })).id;
    await addDocument(null, ["w1x w2x w3x deploy checklist", "w1x w2x rollback plan"], roomId);
    const scope = { userId: null, roomId };
    const hits = await search(["w1x", "w2x", "w3x"], scope);
    expect(hits).toHaveLength(2);
    expect(hits.map((h) => h.id)).toEqual((await search(["w1x", "w2x", "w3x"], scope, EVERY_MATCH)).map((h) => h.id));
    await deleteRoom(t.db, bob, roomId);
    expect(await search(["w1x", "w2x", "w3x"], scope)).toEqual([]);
  });
});

describe.runIf(testProviders().includes("postgresql"))("lexeme counts on postgresql", () => {
  let t: TestDatabase;

  /** Lexemes whose stored count differs from a recount over the search vectors (the empty lexeme counts chunks). */
  async function drift(): Promise<unknown[]> {
    return t.db.$queryRawUnsafe(`
      WITH recount AS (SELECT l AS lexeme, count(*)::int AS chunks FROM "KnowledgeChunk", unnest(array_append(tsvector_to_array("searchVector"), '')) AS l GROUP BY l)
      (SELECT * FROM recount EXCEPT SELECT * FROM knowledge_lexeme)
      UNION ALL (SELECT * FROM knowledge_lexeme WHERE "lexeme" <> '' OR "chunks" > 0 EXCEPT SELECT * FROM recount)`);
  }

  beforeAll(async () => {
    t = await createTestDatabase("postgresql");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("stay exact through inserts, text edits, demotions, deletes and cascades", async () => {
    const ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
    const roomId = (await createRoom(t.db, ada, { name: "Team" })).id;
    const doc = (texts: string[], room: string | null) =>
      t.db.knowledgeDocument.create({
        data: { userId: room ? null : ada, roomId: room, name: "d.md", sizeBytes: 1, storageKey: `k-${Math.random()}`, status: "ready", uploadedById: ada, chunks: { create: texts.map((text, ordinal) => ({ ordinal, text, tokenCount: 5, startOffset: 0, endOffset: 5 })) } },
      });
    const personal = await doc(["deploy the cluster", "deploy deploy again", "rollback"], null);
    await doc(["room cluster notes", "cluster cluster"], roomId);
    expect(await drift()).toEqual([]);
    const [first] = await t.db.knowledgeChunk.findMany({ where: { documentId: personal.id }, orderBy: { ordinal: "asc" } });
    await t.db.knowledgeChunk.update({ where: { id: first!.id }, data: { text: "canary release", headingPath: '["Deploying"]' } });
    await t.db.knowledgeChunk.update({ where: { id: first!.id }, data: { demotion: 2 } });
    expect(await drift()).toEqual([]);
    await t.db.knowledgeDocument.delete({ where: { id: personal.id } });
    expect(await drift()).toEqual([]);
    await deleteRoom(t.db, ada, roomId);
    expect(await drift()).toEqual([]);
    expect(await t.db.$queryRawUnsafe(`SELECT "lexeme", "chunks" FROM knowledge_lexeme`)).toEqual([{ lexeme: "", chunks: 0 }]);
  });
});
