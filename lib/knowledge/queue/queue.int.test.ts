import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../db/test-database";
import { prose } from "../test-fixtures";
import { createKnowledgeHarness, type KnowledgeHarness } from "../test-support";
import { claimJob, finishJob, heartbeat, MAX_ATTEMPTS } from "./jobs";
import { createThreadRunner, inProcessRunner, type PipelineRunner } from "./pipeline-runner";
import { startIngestWorker } from "./worker";

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(testProviders())("ingestion queue on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let ada: string;
  const status = async (id: string) => (await t.db.knowledgeDocument.findUniqueOrThrow({ where: { id } })).status;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    k = createKnowledgeHarness(t.db);
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
  });
  afterAll(async () => {
    k?.dispose();
    await t?.dispose();
  });

  it("gives a job to exactly one of several racing workers", async () => {
    const doc = await k.upload(ada, "race.md", `# Race\n\n${prose(50, 1)}`);
    const claims = await Promise.all(["w1", "w2", "w3", "w4"].map((w) => claimJob(t.db, w, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(claims.find(Boolean)!.documentId).toBe(doc.id);
    await t.db.ingestionJob.deleteMany({});
  });

  it("hands a job whose lease expired to another worker, and the old worker can no longer finish it", async () => {
    const doc = await k.upload(ada, "lease.md", `# Lease\n\n${prose(50, 2)}`);
    const first = await claimJob(t.db, "crashed", 1_000);
    expect(first?.documentId).toBe(doc.id);
    expect(await claimJob(t.db, "other", 1_000)).toBeNull();
    const later = new Date(Date.now() + 2_000);
    const second = await claimJob(t.db, "other", 60_000, later);
    expect(second).toMatchObject({ documentId: doc.id, attempts: 2 });
    expect(await heartbeat(t.db, first!.id, "crashed", 1_000)).toBe(false);
    expect(await finishJob(t.db, first!.id, "crashed", "done")).toBe(false);
    expect(await finishJob(t.db, second!.id, "other", "done")).toBe(true);
  });

  it("resumes a crashed worker's document with a new worker and gives up on a file that keeps crashing", async () => {
    const doc = await k.upload(ada, "resume.md", `# Resume\n\n${prose(80, 3)}`);
    await claimJob(t.db, "dead-worker", 300);
    await t.db.knowledgeDocument.update({ where: { id: doc.id }, data: { status: "extracting" } });
    const worker = startIngestWorker({ ...k.deps, concurrency: 2, createRunner: () => inProcessRunner, leaseMs: 300, pollMs: 50 });
    try {
      await until(async () => (await status(doc.id)) === "ready");
      const poison = await k.upload(ada, "poison.md", `# Poison\n\n${prose(80, 4)}`);
      await t.db.ingestionJob.update({ where: { documentId: poison.id }, data: { attempts: MAX_ATTEMPTS } });
      await t.db.ingestionJob.update({ where: { documentId: poison.id }, data: { status: "running", leaseOwner: "dead", leaseExpiresAt: new Date(0) } });
      worker.wake();
      await until(async () => (await status(poison.id)) === "failed");
      expect((await t.db.knowledgeDocument.findUniqueOrThrow({ where: { id: poison.id } })).failureCode).toBe("INTERNAL");
    } finally {
      await worker.stop();
    }
  });

  it("processes at most `concurrency` files at once", async () => {
    let active = 0;
    let peak = 0;
    const slow: PipelineRunner = {
      async run(input, options, onStage) {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 100));
        active--;
        return inProcessRunner.run(input, options, onStage);
      },
      close: async () => {},
    };
    const docs = await Promise.all([1, 2, 3, 4, 5].map((i) => k.upload(ada, `c${i}.md`, `# C${i}\n\n${prose(60, 10 + i)}`)));
    const worker = startIngestWorker({ ...k.deps, concurrency: 2, createRunner: () => slow, pollMs: 20 });
    try {
      await until(async () => (await Promise.all(docs.map((d) => status(d.id)))).every((s) => s === "ready"));
    } finally {
      await worker.stop();
    }
    expect(peak).toBe(2);
  });
});

describe("pipeline thread runner", () => {
  it("runs the pipeline in a worker thread and reports each stage", async () => {
    const runner = createThreadRunner({ timeoutMs: 30_000, memoryMb: 256 });
    const stages: string[] = [];
    try {
      const result = await runner.run({ name: "a.md", bytes: Buffer.from(`# A\n\n${prose(100, 1)}`) }, {}, (s) => void stages.push(s));
      expect(result.ok).toBe(true);
      expect(stages).toEqual(["detecting", "extracting", "validating", "chunking"]);
      const again = await runner.run({ name: "b.md", bytes: Buffer.from("") }, {}, () => {});
      expect(again).toMatchObject({ ok: false, code: "EMPTY" });
    } finally {
      await runner.close();
    }
  });

  it("stops a file that takes longer than the timeout and keeps working afterwards", async () => {
    const runner = createThreadRunner({ timeoutMs: 1, memoryMb: 256 });
    try {
      const result = await runner.run({ name: "a.md", bytes: Buffer.from(`# A\n\n${prose(20_000, 1)}`) }, {}, () => {});
      expect(result).toMatchObject({ ok: false, code: "TIMEOUT" });
    } finally {
      await runner.close();
    }
  });
});
