import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { prose } from "./test-fixtures";
import { createKnowledgeHarness, type KnowledgeHarness } from "./test-support";

describe.each(testProviders())("knowledge webhook events on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let ada: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    k = createKnowledgeHarness(t.db);
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
    await t.db.webhookEndpoint.create({ data: { url: "http://93.184.216.34/", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", events: "document.failed document.ready" } });
  });
  afterAll(async () => {
    k?.dispose();
    await t?.dispose();
  });

  it("queues document.ready when a file is indexed and document.failed when it is refused", async () => {
    const good = await k.ingest(ada, "guide.md", `# Guide\n\n${prose(60, 7)}`);
    const empty = await k.ingest(ada, "empty.md", "");
    expect([good.outcome, empty.outcome]).toEqual(["ready", "failed"]);
    const queued = (await t.db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" } })).map((d) => JSON.parse(d.payload) as { type: string; data: Record<string, unknown> });
    expect(queued.map((p) => [p.type, p.data.documentId])).toEqual([["document.ready", good.id], ["document.failed", empty.id]]);
    expect(queued[0]!.data).toMatchObject({ name: "guide.md", roomId: null, userId: ada, status: "ready" });
    expect(queued[1]!.data).toMatchObject({ name: "empty.md", failureCode: "EMPTY" });
  });
});
