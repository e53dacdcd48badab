import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../lib/db/test-database";
import { claimJob } from "../../lib/knowledge/queue/jobs";
import { uploadsDir } from "../../lib/knowledge/storage";
import { prose } from "../../lib/knowledge/test-fixtures";
import { createKnowledgeHarness, type KnowledgeHarness } from "../../lib/knowledge/test-support";

const root = join(import.meta.dirname, "..", "..");

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("ingestion worker process", () => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let dataDir: string;
  let ada: string;
  const status = async (id: string) => (await t.db.knowledgeDocument.findUniqueOrThrow({ where: { id } })).status;

  function startWorker(): ChildProcess {
    return spawn(process.execPath, ["--import", "tsx", join(root, "server", "ingest", "worker.ts")], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: t.target.url, LOG_LEVEL: "silent", AUTH_SECRET: "x".repeat(40) },
      stdio: "ignore",
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    dataDir = mkdtempSync(join(tmpdir(), "eca-ingest-"));
    k = createKnowledgeHarness(t.db, undefined, uploadsDir(dataDir));
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("ingests queued uploads, resumes a crashed worker's job, and exits cleanly on SIGTERM", async () => {
    const queued = await k.upload(ada, "queued.md", `# Queued\n\n${prose(100, 1)}`);
    const orphan = await k.upload(ada, "orphan.md", `# Orphan\n\n${prose(100, 2)}`);
    // A worker that died holding this job: its lease runs out a second from now.
    await t.db.ingestionJob.updateMany({ where: { documentId: { not: orphan.id } }, data: { runAfter: new Date(Date.now() + 60_000) } });
    expect((await claimJob(t.db, "dead", 1_000))?.documentId).toBe(orphan.id);
    await t.db.ingestionJob.updateMany({ where: { documentId: queued.id }, data: { runAfter: new Date() } });

    const worker = startWorker();
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
    try {
      await until(async () => (await status(queued.id)) === "ready" && (await status(orphan.id)) === "ready");
    } finally {
      worker.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
