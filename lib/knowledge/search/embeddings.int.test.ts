import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../db/test-database";
import { createKnowledgeHarness, type KnowledgeHarness } from "../test-support";
import { decodeEmbedding, embedPendingChunks, type Embedder } from "./embeddings";
import { searchPassages } from "./passages";

/** A fake embedding model: one dimension per topic word, so "meaning" can match without shared terms. */
const TOPICS = ["money", "weather", "music"];
const SYNONYMS: Record<string, string[]> = { money: ["invoice", "budget", "money"], weather: ["rain", "forecast", "weather"], music: ["guitar", "song", "music"] };
const fake: Embedder = {
  model: "fake:topics",
  embed: async (texts) =>
    texts.map((text) => Float32Array.from(TOPICS.map((topic) => SYNONYMS[topic]!.filter((w) => text.toLowerCase().includes(w)).length))),
};

describe.each(testProviders())("hybrid search on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let ada: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    k = createKnowledgeHarness(t.db);
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
    await k.ingest(ada, "finance.md", "# Finance\n\nEvery invoice goes through the budget review before payment.\n");
    await k.ingest(ada, "outdoors.md", "# Outdoors\n\nCheck the rain forecast before the team hike.\n");
  });
  afterAll(async () => {
    k?.dispose();
    await t?.dispose();
  });

  it("embeds chunks in the background and stores the model with each vector", async () => {
    expect(await embedPendingChunks(t.db, fake)).toBe(2);
    expect(await embedPendingChunks(t.db, fake)).toBe(0);
    const chunk = await t.db.knowledgeChunk.findFirstOrThrow({ where: { document: { name: "finance.md" } } });
    expect(chunk.embeddingModel).toBe("fake:topics");
    expect(Array.from(decodeEmbedding(chunk.embedding!))).toEqual([2, 0, 0]);
  });

  it("finds passages by meaning when no word matches, fused with lexical hits", async () => {
    expect(await searchPassages(t.db, { userId: ada, roomId: null, question: "how much money" })).toEqual([]);
    const hybrid = await searchPassages(t.db, { userId: ada, roomId: null, question: "how much money" }, { embedder: fake });
    expect(hybrid.map((hit) => hit.documentName)).toEqual(["finance.md"]);
    const both = await searchPassages(t.db, { userId: ada, roomId: null, question: "hike weather" }, { embedder: fake });
    expect(both[0]?.documentName).toBe("outdoors.md");
  });

  it("answers a user without ready documents at once, without embedding the question", async () => {
    const nobody = (await t.db.user.create({ data: { email: "nobody@example.com", name: "Nobody" } })).id;
    const embedded: string[][] = [];
    const counting: Embedder = { model: fake.model, embed: async (texts) => (embedded.push(texts), fake.embed(texts)) };
    expect(await searchPassages(t.db, { userId: nobody, roomId: null, question: "how much money" }, { embedder: counting })).toEqual([]);
    expect(embedded).toEqual([]);
    expect(await searchPassages(t.db, { userId: ada, roomId: null, question: "how much money" }, { embedder: counting })).toHaveLength(1);
    expect(embedded).toEqual([["how much money"]]);
  });
});
