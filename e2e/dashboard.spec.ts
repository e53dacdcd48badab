import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { recordUsageEvents, usageEvent, type UsageEventInput } from "../lib/analytics/usage-events";
import type { Db } from "../lib/db/client";
import { projectDb } from "./analytics-db";
import { createFile, createRoom, editorLines, register, typeAtEnd, uniqueAccount, type Account } from "./helpers";

// An admin and two members; a week of realistic usage is seeded into the server's database.
test.describe.configure({ mode: "serial" });

const admin = uniqueAccount("Olga");
const ann = uniqueAccount("Ann");
const ben = uniqueAccount("Ben");
const pages = new Map<string, Page>();
let db: Db;
const ids: Record<string, string> = {};
const MODELS = ["openai:gpt-4o-mini", "anthropic:claude-sonnet", "ollama:llama3"];
const SHOTS = "/tmp/shots/dashboard";

async function open(browser: Browser, account: Account): Promise<Page> {
  const known = pages.get(account.email);
  if (known) return known;
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await register(page, account);
  pages.set(account.email, page);
  return page;
}

function weekOfUsage(users: { id: string; weight: number }[], roomIds: string[]): UsageEventInput[] {
  const events: UsageEventInput[] = [];
  const now = Date.now();
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let h = 0; h < 7 * 24; h++) {
    const at = (m: number) => new Date(now - h * 3_600_000 - m * 60_000);
    const busy = [9, 10, 11, 13, 14, 15, 16].includes(new Date(now - h * 3_600_000).getUTCHours()) ? 3 : 0.6;
    for (const u of users) {
      const turns = Math.round(rnd() * busy * u.weight);
      for (let t = 0; t < turns; t++) {
        const model = MODELS[Math.floor(rnd() * (rnd() < 0.6 ? 1 : MODELS.length))]!;
        const slow = model.startsWith("ollama") ? 2.5 : model.startsWith("anthropic") ? 1.4 : 1;
        const error = rnd() < 0.04 ? "AI_TIMEOUT" : null;
        const inputTokens = 300 + Math.floor(rnd() * 2500);
        const outputTokens = 80 + Math.floor(rnd() * 700);
        events.push({ ...usageEvent("chat.turn", { userId: u.id, roomId: rnd() < 0.4 ? roomIds[0] : null, model }, {
          conversationId: "c", inputTokens, outputTokens, costUsd: model.startsWith("ollama") ? 0 : (inputTokens * 0.15 + outputTokens * 0.6) / 1e6 * (slow > 1 ? 20 : 1),
          ttftMs: Math.round((250 + rnd() * 500) * slow), totalMs: Math.round((1500 + rnd() * 5000) * slow), error,
        }), createdAt: at(t * 3) });
        if (rnd() < 0.15) events.push({ ...usageEvent("chat.feedback", { userId: u.id, model }, { messageId: "m", rating: rnd() < 0.75 ? 1 : -1, comment: rnd() < 0.3 ? "Helpful, but the import path was wrong" : null }), createdAt: at(t * 3 + 1) });
      }
      if (rnd() < 0.3 * busy) {
        const roomId = roomIds[Math.floor(rnd() * roomIds.length)]!;
        events.push({ ...usageEvent("collab.join", { userId: u.id, roomId }, { channel: "doc", role: "editor" }), createdAt: at(5) });
        events.push({ ...usageEvent("collab.active", { userId: u.id, roomId }, { minutes: 5 + Math.floor(rnd() * 40) }), createdAt: at(20) });
        events.push({ ...usageEvent("collab.edit", { userId: u.id, roomId }, { file_id: "f", path: "src/app.ts", added: Math.floor(rnd() * 900), removed: Math.floor(rnd() * 300) }), createdAt: at(25) });
      }
      if (rnd() < 0.05 * busy) events.push({ ...usageEvent("knowledge.ingested", { userId: u.id }, { documentId: "d", bytes: 40_000, chunks: 20 }), createdAt: at(30) });
      if (rnd() < 0.02 * busy) events.push({ ...usageEvent("knowledge.failed", { userId: u.id }, { documentId: "d", reason: rnd() < 0.5 ? "NO_TEXT" : "CORRUPT" }), createdAt: at(31) });
      if (rnd() < 0.2 * busy) events.push({ ...usageEvent("knowledge.search", { userId: u.id, roomId: roomIds[0] }, { results: 6, ms: 14 }), createdAt: at(32) });
      if (rnd() < 0.08 * busy) events.push({ ...usageEvent("knowledge.citation_opened", { userId: u.id, roomId: roomIds[0] }, { passageId: "p" }), createdAt: at(33) });
    }
  }
  return events;
}

test.beforeAll(async ({ browser }) => {
  db = await projectDb();
  for (const a of [admin, ann, ben]) await open(browser, a);
  for (const a of [admin, ann, ben]) ids[a.name] = (await db.user.findUniqueOrThrow({ where: { email: a.email } })).id;
  await db.user.update({ where: { id: ids[admin.name] }, data: { role: "admin" } });
  const shared = await db.room.create({ data: { name: "Payments API", members: { create: [{ userId: ids[ann.name]!, role: "owner" }, { userId: ids[ben.name]!, role: "editor" }] } } });
  const bens = await db.room.create({ data: { name: "Ben's sandbox", members: { create: [{ userId: ids[ben.name]!, role: "owner" }] } } });
  ids.shared = shared.id;
  ids.bens = bens.id;
  await recordUsageEvents(db, weekOfUsage([{ id: ids[ann.name]!, weight: 1 }, { id: ids[ben.name]!, weight: 0.6 }, { id: ids[admin.name]!, weight: 0.3 }], [shared.id, bens.id]));
});

test.afterAll(async () => {
  await db?.$disconnect();
});

test("the admin sees every chart with the team's data", async ({ browser }) => {
  const page = await open(browser, admin);
  await page.goto("/dashboard?range=7d");
  await expect(page.getByRole("link", { name: "Dashboard" })).toBeVisible();
  for (const id of ["panel-chat-usage", "panel-latency", "panel-feedback", "panel-collab", "panel-knowledge", "panel-top-users"]) {
    await expect(page.getByTestId(id).locator("canvas, table").first()).toBeVisible();
  }
  await expect(page.getByTestId("panel-top-users")).toContainText(ann.name);
  await expect(page.getByTestId("panel-top-users")).toContainText(ben.name);
  await expect(page.getByTestId("panel-collab-rooms")).toContainText("Payments API");
  await expect(page.getByTestId("live-active-users")).not.toContainText("—");
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}-admin-${test.info().project.name}.png`, fullPage: true });
  for (const id of ["panel-chat-usage", "panel-latency", "panel-feedback", "panel-collab", "panel-collab-rooms", "panel-knowledge", "panel-top-users"]) {
    await page.getByTestId(id).screenshot({ path: `${SHOTS}-${id}-${test.info().project.name}.png` });
  }
  // Scope to one model: only that model's colour remains in the latency table.
  await page.goto(`/dashboard?range=7d&scope=model&id=${encodeURIComponent(MODELS[2]!)}`);
  await expect(page.getByTestId("panel-latency").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("panel-latency").locator("tbody")).toContainText(MODELS[2]!);
});

test("every chart draws buckets that fit its range: hours, then days, then weeks", async ({ browser }) => {
  const page = await open(browser, admin);
  const midnight = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const halfYear = `range=custom&from=${new Date(midnight - 182 * 86_400_000).toISOString()}&to=${new Date(midnight + 86_400_000).toISOString()}`;
  const cases: [query: string, name: RegExp][] = [
    ["range=24h", /, 2[45] hourly buckets \(UTC\)$/],
    ["range=7d", /, [78] daily buckets \(UTC\)$/],
    ["range=90d", /, 9[01] daily buckets \(UTC\)$/],
    [halfYear, /, 2[78] weekly buckets \(UTC\)$/],
  ];
  for (const [query, name] of cases) {
    await page.goto(`/dashboard?${query}`);
    for (const id of ["panel-chat-usage", "panel-feedback", "panel-collab", "panel-knowledge"]) {
      await expect(page.getByTestId(id).locator("canvas")).toHaveAttribute("aria-label", name);
    }
    if (query === "range=7d") {
      await page.waitForTimeout(500);
      for (const id of ["panel-chat-usage", "panel-feedback"]) await page.getByTestId(id).screenshot({ path: `${SHOTS}-buckets-7d-${id}-${test.info().project.name}.png` });
    }
  }
});

test("a member sees only their own activity, whatever the URL says", async ({ browser }) => {
  const page = await open(browser, ann);
  await page.goto("/dashboard?range=7d");
  const top = page.getByTestId("panel-top-users");
  await expect(top.locator("tbody tr")).toHaveCount(1);
  await expect(top).toContainText(ann.name);
  await expect(top).not.toContainText(ben.name);
  await page.screenshot({ path: `${SHOTS}-member-${test.info().project.name}.png`, fullPage: true });
  // Asking for Ben by URL or API is refused; a room she is not in does not exist for her.
  const asBen = await page.request.get(`/api/analytics/top-users?range=7d&scope=user&id=${ids[ben.name]}`);
  expect(asBen.status()).toBe(403);
  const bensRoom = await page.request.get(`/api/analytics/collab-rooms?range=7d&scope=room&id=${ids.bens}`);
  expect(bensRoom.status()).toBe(404);
  const sharedRoom = await (await page.request.get(`/api/analytics/collab-users?range=7d&scope=room&id=${ids.shared}`)).json();
  expect(sharedRoom.rows.map((r: { userId: string }) => r.userId)).toEqual([ids[ann.name]]);
  await page.goto(`/dashboard?range=7d&scope=user&id=${ids[ben.name]}`);
  await expect(page.getByTestId("panel-top-users")).toContainText("Members can only see their own activity");
  const metrics = await page.request.get("/api/metrics");
  expect(metrics.status()).toBe(403);
});

test("CSV export downloads the table's rows", async ({ browser }) => {
  const page = await open(browser, admin);
  await page.goto("/dashboard?range=7d");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("panel-top-users-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^top-users-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
  expect(lines[0]).toBe("user,user_id,events,chat_turns,tokens,cost_usd,edits");
  const names = lines.slice(1).map((l) => l.split(",")[0]);
  expect(names).toEqual(expect.arrayContaining([ann.name, ben.name, admin.name]));
  const metrics = await page.request.get("/api/metrics");
  expect(metrics.status()).toBe(200);
  const text = await metrics.text();
  expect(text).toContain("http_request_duration_seconds_bucket");
  expect(text).toMatch(/eca_chat_turns_total\{model="openai:gpt-4o-mini",outcome="ok"\} [1-9]/);
});

test("live counters update without a reload", async ({ browser }) => {
  const page = await open(browser, ann);
  await page.goto("/dashboard?range=24h");
  const card = page.getByTestId("live-turns-today");
  await expect(card).toContainText("live");
  const before = Number((await card.locator(".dash-counter-value").innerText()).replace(/,/g, ""));
  await recordUsageEvents(db, [0, 1, 2].map(() => usageEvent("chat.turn", { userId: ids[ann.name], model: MODELS[0] }, {
    conversationId: "c", inputTokens: 10, outputTokens: 10, costUsd: 0, ttftMs: 100, totalMs: 900, error: null,
  })));
  await expect(card.locator(".dash-counter-value")).toHaveText(String(before + 3), { timeout: 15_000 });
});

test("a chat turn in the browser shows up on the dashboard", async ({ browser }) => {
  const page = await open(browser, ben);
  const turnsOf = async () => {
    const body = await (await page.request.get("/api/analytics/chat-usage?range=24h")).json();
    return body.rows
      .filter((r: { model: string }) => r.model === "openai-compatible:fake-main")
      .reduce((s: number, r: { turns: number }) => s + r.turns, 0) as number;
  };
  const before = await turnsOf();
  await page.goto("/chat");
  await expect(page.getByLabel("Model")).toHaveValue("openai-compatible:fake-main");
  await page.getByLabel("Message", { exact: true }).fill("Hello from the dashboard test");
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("assistant-message").first()).toContainText("Hello from the dashboard test");
  await expect.poll(turnsOf, { timeout: 20_000, intervals: [1000, 2000, 3000] }).toBe(before + 1);
  await page.goto("/dashboard?range=24h&scope=model&id=openai-compatible%3Afake-main");
  await expect(page.getByTestId("panel-latency").locator("tbody")).toContainText("openai-compatible:fake-main");
});


test("an edit and an upload in the browser show up on a fresh member's dashboard", async ({ browser }) => {
  // The sidecar writes collaboration usage once a minute, and the rollup catches up on read.
  test.setTimeout(180_000);
  const eve = uniqueAccount("Eve");
  const page = await open(browser, eve);
  const roomName = `Dashboard room ${Date.now().toString(36)}`;
  const typed = "const answer = 42;";
  await createRoom(page, roomName);
  await createFile(page, "src/answer.ts");
  await typeAtEnd(page, typed);
  await expect(editorLines(page)).toContainText("answer");

  await page.getByRole("link", { name: "Knowledge", exact: true }).click();
  await page.getByTestId("knowledge-file-input").setInputFiles({
    name: "eve-notes.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(`# Notes of ${eve.email}\n\nThe deploy window for this team opens at ten every Tuesday morning.\n`),
  });
  await expect(page.locator('[data-testid="document-row"][data-name="eve-notes.md"]').getByTestId("document-status")).toHaveText("Ready", { timeout: 30_000 });

  await page.goto("/dashboard?range=24h");
  const roomRow = page.getByTestId("panel-collab-rooms").locator("tbody tr", { hasText: roomName });
  const userRow = page.getByTestId("panel-collab-users").locator("tbody tr", { hasText: eve.name });
  const charsAdded = 4; // Room, Editors, Sessions, Active min, Chars +
  await expect(async () => {
    await page.reload();
    await expect(roomRow.locator("td").nth(charsAdded)).toHaveText(String(typed.length), { timeout: 3_000 });
    await expect(page.getByTestId("panel-knowledge")).toContainText("1 ingested", { timeout: 3_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000, 5_000] });
  await expect(roomRow).toHaveCount(1);
  await expect(page.getByTestId("panel-collab-rooms").locator("tbody tr")).toHaveCount(1);
  expect(Number(await roomRow.locator("td").nth(2).innerText())).toBeGreaterThanOrEqual(1);
  await expect(userRow.locator("td").nth(charsAdded)).toHaveText(String(typed.length));
  await page.screenshot({ path: `${SHOTS}-fresh-member-${test.info().project.name}.png`, fullPage: true });
});
