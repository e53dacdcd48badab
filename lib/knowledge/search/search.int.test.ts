import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteMember } from "../../collab/members";
import { createRoom } from "../../collab/rooms";
import { createTestDatabase, testProviders, type TestDatabase } from "../../db/test-database";
import { applyAnswerRating } from "../demotion";
import { deleteDocument, getDocument, reviewDocument } from "../documents";
import { listLearned, saveAnswerAsKnowledge, teachCorrection } from "../learning";
import { setRequireApproval } from "../scope";
import { buildPdf, prose } from "../test-fixtures";
import { createKnowledgeHarness, type KnowledgeHarness } from "../test-support";
import { createKnowledgePassageSource, searchPassages } from "./passages";

const CORPUS: Record<string, string> = {
  "deploy.md": "# Deploying\n\n## Production\n\nRun the release pipeline with `npm run release`. Deployments go to the Kubernetes cluster in three regions after the canary passes.\n",
  "database.md": "# Database\n\nWe use PostgreSQL with logical replication. Backups run nightly with pg_dump and are kept for thirty days in object storage.\n",
  "onboarding.md": "# Onboarding\n\nNew engineers get a laptop, an SSO account and a buddy. The first week covers the codebase tour and pairing sessions.\n",
  "auth.ts": "// Session tokens are signed with HMAC SHA-256 and expire after fifteen minutes.\nexport function verifySessionToken(token: string): boolean {\n  return token.length > 0;\n}\n",
  "incident.md": "# Incident response\n\nPage the on-call engineer through the pager rotation. Write a postmortem within two business days.\n",
};

const QUESTIONS: [string, string][] = [
  ["how do we deploy to the kubernetes cluster?", "deploy.md"],
  ["how long are database backups kept?", "database.md"],
  ["what does a new engineer get in the first week?", "onboarding.md"],
  ["when do session tokens expire", "auth.ts"],
  ["who writes the postmortem after an incident", "incident.md"],
];

describe.each(testProviders())("knowledge search on %s", (provider) => {
  let t: TestDatabase;
  let k: KnowledgeHarness;
  let ada: string;
  let bob: string;
  let roomId: string;

  async function askAs(userId: string, question: string, room: string | null = null) {
    return (await searchPassages(t.db, { userId, roomId: room, question })).map((hit) => hit.documentName);
  }

  async function answer(userId: string, question: string, content: string, citedChunkIds: number[], room: string | null = null) {
    const conversation = await t.db.conversation.create({ data: { userId, roomId: room } });
    await t.db.chatMessage.create({ data: { conversationId: conversation.id, role: "user", content: question, createdAt: new Date(Date.now() - 1000) } });
    const citations = JSON.stringify(citedChunkIds.map((id, i) => ({ citation: i + 1, passageId: String(id) })));
    return t.db.chatMessage.create({ data: { conversationId: conversation.id, role: "assistant", content, citations } });
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    k = createKnowledgeHarness(t.db);
    ada = (await t.db.user.create({ data: { email: "ada@example.com", name: "Ada" } })).id;
    bob = (await t.db.user.create({ data: { email: "bob@example.com", name: "Bob" } })).id;
    roomId = (await createRoom(t.db, ada, { name: "Team" })).id;
    for (const [name, text] of Object.entries(CORPUS)) expect((await k.ingest(ada, name, text)).status).toBe("ready");
  });
  afterAll(async () => {
    k?.dispose();
    await t?.dispose();
  });

  it("ranks the right document first for each question", async () => {
    for (const [question, expected] of QUESTIONS) expect((await askAs(ada, question))[0], question).toBe(expected);
  });

  it("never breaks on query syntax in user text", async () => {
    for (const question of ['"unbalanced', "NEAR(a b) OR AND NOT", "col:value * ^ -x", "'; DROP TABLE x; --", "", "the of and", "😀 ünïcödé"]) {
      await expect(searchPassages(t.db, { userId: ada, roomId: null, question })).resolves.toBeInstanceOf(Array);
    }
  });

  it("cites passages with page, line range and heading path, and counts searches", async () => {
    await k.ingest(ada, "handbook.pdf", buildPdf([["Introduction", ...prose(170, 61).split("\n")], ["Employees receive twenty five vacation days per year", ...prose(170, 62).split("\n")]]));
    const source = createKnowledgePassageSource(t.db, { usage: k.deps.usage! });
    const [pdf] = await source.retrieve({ userId: ada, roomId: null, question: "how many vacation days per year" });
    expect(pdf).toMatchObject({ citation: 1, source: { documentName: "handbook.pdf", page: 2 } });
    const [md] = await source.retrieve({ userId: ada, roomId: null, question: "nightly pg_dump backups" });
    expect(md!.source).toMatchObject({ documentName: "database.md", lineStart: 1, headingPath: ["Database"] });
    expect(md!.matchedTerms).toEqual(expect.arrayContaining(["nightly", "dump", "backups"]));
    expect(k.events.filter((e) => e.type === "knowledge.search")).toHaveLength(2);
  });

  it("keeps personal knowledge private and room knowledge to members", async () => {
    expect(await askAs(bob, "kubernetes deploy")).toEqual([]);
    await k.ingest(ada, "room-secret.md", "# Launch codes\n\nThe launch window for project zephyr opens on Tuesday.\n", roomId);
    expect(await askAs(bob, "zephyr launch window", roomId)).toEqual([]);
    await inviteMember(t.db, ada, roomId, { email: "bob@example.com", role: "viewer" });
    expect(await askAs(bob, "zephyr launch window", roomId)).toEqual(["room-secret.md"]);
    // Outside the room the room's knowledge is not in view, and Ada's personal documents never are.
    expect(await askAs(bob, "zephyr launch window")).toEqual([]);
    expect(await askAs(bob, "kubernetes deploy", roomId)).toEqual([]);
  });

  it("uses only approved documents and drops deleted ones from the index at once", async () => {
    await setRequireApproval(t.db, ada, roomId, true);
    const doc = await k.ingest(ada, "pending.md", "# Quartz\n\nThe quartz rollout finishes in March.\n", roomId);
    expect(doc.status).toBe("pending_approval");
    expect(await askAs(ada, "quartz march", roomId)).toEqual([]);
    await reviewDocument(t.db, ada, doc.id, "approve");
    expect(await askAs(ada, "quartz march", roomId)).toEqual(["pending.md"]);
    await deleteDocument(t.db, ada, doc.id, k.deps.uploadsDir);
    expect(await askAs(ada, "quartz march", roomId)).toEqual([]);
    await setRequireApproval(t.db, ada, roomId, false);
  });

  it("demotes passages cited by thumbs-down answers, and restores them when the rating changes", async () => {
    await k.ingest(ada, "cache-a.md", "# Memo\n\nThe memo expiry is five minutes for memo entries in the memo layer.\n");
    await k.ingest(ada, "cache-b.md", "# Memo settings\n\nThe memo expiry is configured per service.\n");
    const before = await searchPassages(t.db, { userId: ada, roomId: null, question: "memo expiry" });
    expect(before[0]!.documentName).toBe("cache-a.md");
    const message = await answer(ada, "memo expiry?", "Five minutes [1]", [before[0]!.chunkId]);
    await applyAnswerRating(t.db, { messageId: message.id, userId: ada, rating: -1 });
    await applyAnswerRating(t.db, { messageId: message.id, userId: ada, rating: -1 });
    expect((await t.db.knowledgeChunk.findUnique({ where: { id: before[0]!.chunkId } }))!.demotion).toBe(1);
    const other = await answer(ada, "memo expiry again?", "Five minutes [1]", [before[0]!.chunkId]);
    await applyAnswerRating(t.db, { messageId: other.id, userId: ada, rating: -1 });
    expect((await askAs(ada, "memo expiry"))[0]).toBe("cache-b.md");
    await applyAnswerRating(t.db, { messageId: other.id, userId: ada, rating: 1 });
    await applyAnswerRating(t.db, { messageId: message.id, userId: ada, rating: 1 });
    expect((await askAs(ada, "memo expiry"))[0]).toBe("cache-a.md");
  });

  it("turns corrections and thumbs-up answers into knowledge that is validated, retrieved and removable", async () => {
    const wrong = await answer(ada, "Which port does the billing service listen on?", "Port 80.", []);
    const taught = await teachCorrection(t.db, k.deps.uploadsDir, ada, { messageId: wrong.id, answer: "The billing service listens on port 8443." });
    expect(taught).toMatchObject({ source: "correction", status: "queued" });
    await k.drain();
    expect(await askAs(ada, "billing service port")).toContain(taught.name);

    const again = await answer(ada, "Which port does the billing service listen on?", "The billing service listens on port 9000.", []);
    await t.db.messageFeedback.create({ data: { messageId: again.id, userId: ada, rating: 1 } });
    const saved = await saveAnswerAsKnowledge(t.db, k.deps.uploadsDir, ada, { messageId: again.id });
    await k.drain();
    expect((await getDocument(t.db, ada, saved.id)).conflictWith?.id).toBe(taught.id);

    const unrated = await answer(ada, "What is the build tool?", "Turbopack.", []);
    await expect(saveAnswerAsKnowledge(t.db, k.deps.uploadsDir, ada, { messageId: unrated.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(teachCorrection(t.db, k.deps.uploadsDir, bob, { messageId: wrong.id, answer: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const learned = await listLearned(t.db, ada, null);
    expect(learned.map((d) => d.source).sort()).toEqual(["answer", "correction"]);
    await deleteDocument(t.db, ada, taught.id, k.deps.uploadsDir);
    expect(await askAs(ada, "billing service port 8443")).not.toContain(taught.name);
  });

  it("holds room corrections for the owner's approval when the room requires it", async () => {
    await setRequireApproval(t.db, ada, roomId, true);
    const wrong = await answer(ada, "Who owns the payments runbook?", "Nobody.", [], roomId);
    const taught = await teachCorrection(t.db, k.deps.uploadsDir, ada, { messageId: wrong.id, answer: "The payments team owns the runbook." });
    await k.drain();
    expect((await getDocument(t.db, ada, taught.id)).status).toBe("pending_approval");
    expect(await askAs(ada, "payments runbook owner", roomId)).toEqual([]);
    await reviewDocument(t.db, ada, taught.id, "approve");
    expect(await askAs(ada, "payments runbook owner", roomId)).toEqual([taught.name]);
  });
});
