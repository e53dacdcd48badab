import { expect, test, type Browser, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import { projectDb } from "./analytics-db";
import { scanAccessibility, type PageAxeResult } from "./axe";
import { createFile, createRoom, editorLines, register, signIn, snap, uniqueAccount, type Account } from "./helpers";

// Dark mode (the per-user choice, "system" following the browser live, Monaco and the charts
// following it) and an axe scan of every page in the light and the dark theme.
// Named so it runs after accounts.spec.ts, whose first registration must become the admin.
test.describe.configure({ mode: "serial" });

const RUNBOOK = "# Release runbook\n\n## Rollout\n\nThe zephyr release ships every Thursday after the canary has been green for two hours.\n";

const theme = (page: Page) => page.locator("html").getAttribute("data-theme");
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = "rgb(246, 247, 249)";
const DARK_BG = "rgb(17, 20, 24)";

test("theme: choose dark, kept per user and server-rendered; Monaco and charts follow", async ({ browser }) => {
  const account = uniqueAccount("Dana");
  const page = await browser.newPage({ colorScheme: "light" });
  await register(page, account);
  expect(await theme(page)).toBe("system");
  expect(await bodyBackground(page)).toBe(LIGHT_BG);

  // "System" follows the browser's setting live.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => bodyBackground(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => bodyBackground(page)).toBe(LIGHT_BG);

  await page.getByLabel("Theme").selectOption("dark");
  expect(await theme(page)).toBe("dark");
  await expect.poll(() => bodyBackground(page)).toBe(DARK_BG);
  // The server puts the stored choice into the HTML itself: dark before any script runs.
  await expect.poll(async () => (await page.request.get("/")).text()).toMatch(/<html[^>]*data-theme="dark"/);
  await page.reload();
  expect(await theme(page)).toBe("dark");
  await expect(page.getByLabel("Theme")).toHaveValue("dark");
  await snap(page, "theme-home-dark");

  await createRoom(page, "Dark room");
  await createFile(page, "main.ts");
  const editor = page.locator(".monaco-editor").first();
  await expect(editor).toHaveClass(/vs-dark/);
  await page.getByLabel("Theme").selectOption("light");
  await expect(editor).not.toHaveClass(/vs-dark/);
  await page.getByLabel("Theme").selectOption("system");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(editor).toHaveClass(/vs-dark/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(editor).not.toHaveClass(/vs-dark/);
  await page.getByLabel("Theme").selectOption("dark");
  await expect(editor).toHaveClass(/vs-dark/);
  await snap(page, "theme-room-dark");

  // Charts are drawn anew in the other theme's colours (one chat turn gives the dashboard a chart).
  await page.goto("/chat");
  await page.getByLabel("Message", { exact: true }).fill("Hello in the dark");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("assistant-message").last()).toBeVisible({ timeout: 30_000 });
  // The turn's usage event is written in the background: reload until the dashboard has it.
  await page.goto("/dashboard");
  const chart = page.locator(".dash-chart canvas").first();
  await expect(async () => {
    await page.reload();
    await expect(chart).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000, 5_000] });
  const before = await chart.elementHandle();
  await page.getByLabel("Theme").selectOption("light");
  await expect.poll(() => before!.evaluate((canvas) => canvas.isConnected)).toBe(false);
  await expect(chart).toBeVisible();
  await page.getByLabel("Theme").selectOption("dark");
  await expect.poll(async () => (await page.request.get("/dashboard")).text()).toMatch(/<html[^>]*data-theme="dark"/);

  // The choice belongs to the user: another browser signs in and gets it.
  const other = await browser.newContext({ colorScheme: "light" });
  const second = await other.newPage();
  await signIn(second, account);
  expect(await theme(second)).toBe("dark");
  expect(await bodyBackground(second)).toBe(DARK_BG);
  await expect(second.getByLabel("Theme")).toHaveValue("dark");
  await other.close();
  await page.close();
});

/** One person with something on every page: a chat with a cited answer, a document, a taught correction, a room. */
async function seed(browser: Browser): Promise<{ account: Account; conversation: string; document: string; passage: string; room: string }> {
  const account = uniqueAccount("Axel");
  const page = await browser.newPage();
  await register(page, account);
  const db = await projectDb();
  await db.user.update({ where: { email: account.email }, data: { role: "admin" } });
  await db.$disconnect();

  await page.goto("/knowledge");
  await page.getByTestId("knowledge-file-input").setInputFiles({ name: "runbook.md", mimeType: "text/markdown", buffer: Buffer.from(RUNBOOK) });
  const table = page.getByTestId("document-table");
  await expect(table.getByRole("row", { name: /runbook\.md/ }).getByText("Ready")).toBeVisible({ timeout: 30_000 });
  await table.getByRole("link", { name: "runbook.md" }).click();
  await expect(page.getByTestId("chunk-list")).toBeVisible();
  const document = new URL(page.url()).pathname;
  await page.getByTestId("chunk-list").getByRole("link", { name: "#1" }).click();
  await expect(page.getByTestId("passage-document")).toBeVisible();
  const passage = new URL(page.url()).pathname;

  await page.goto("/chat");
  await page.getByLabel("Message", { exact: true }).fill("When does the zephyr release ship? Please show code for the answer");
  await page.getByRole("button", { name: "Send" }).click();
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer.locator(".chat-sources a").first()).toBeVisible({ timeout: 30_000 });
  await answer.getByRole("button", { name: "Teach" }).click();
  await answer.getByLabel("Correct answer").fill("Since March the zephyr release ships on Tuesdays.");
  await answer.getByRole("button", { name: "Save correction" }).click();
  await expect(answer.getByRole("status")).toContainText("correction was added");
  const conversation = new URL(page.url()).pathname;

  // From the chat page, createRoom's label "Name" would also match a conversation's Rename button.
  await page.goto("/rooms");
  const room = await createRoom(page, "Axe room");
  await createFile(page, "main.ts");
  await page.close();
  return { account, conversation, document, passage, room };
}

const THEMES = ["light", "dark"] as const;

test("accessibility: every page, light and dark, has no serious or critical axe violations", async ({ browser }) => {
  test.setTimeout(150_000);
  const seeded = await seed(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  const results: Record<(typeof THEMES)[number], PageAxeResult[]> = { light: [], dark: [] };
  // Screenshots of the pages whose looks depend most on the theme, to be looked at.
  const snapped = new Set(["register", "chat", "document", "room", "dashboard"]);
  // Each page is loaded once and scanned under the system's light and then dark setting.
  const visit = async (name: string, path: string, ready: () => Promise<void>) => {
    await page.goto(path);
    await ready();
    for (const colorScheme of THEMES) {
      await page.emulateMedia({ colorScheme });
      await expect.poll(() => bodyBackground(page)).toBe(colorScheme === "dark" ? DARK_BG : LIGHT_BG);
      results[colorScheme].push(await scanAccessibility(page, name));
      if (snapped.has(name)) await snap(page, `axe-${colorScheme}-${name}`);
    }
  };
  const heading = (name: string | RegExp) => () => expect(page.getByRole("heading", { name }).first()).toBeVisible();

  await visit("sign-in", "/signin", heading(/sign in/i));
  await visit("register", "/register", heading(/create/i));
  await signIn(page, seeded.account);
  await visit("home", "/", heading(/welcome/i));
  await visit("chat", seeded.conversation, () => expect(page.getByTestId("assistant-message").first()).toBeVisible());
  await visit("knowledge", "/knowledge", () => expect(page.getByTestId("document-table")).toBeVisible());
  await visit("document", seeded.document, () => expect(page.getByTestId("chunk-list")).toBeVisible());
  await visit("passage", seeded.passage, () => expect(page.getByTestId("passage-document")).toBeVisible());
  await visit("learned", "/knowledge/learned", () => expect(page.getByTestId("document-row").first()).toBeVisible());
  await visit("rooms", "/rooms", heading("Rooms"));
  await visit("room", seeded.room, async () => {
    await expect(page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 });
    await page.getByRole("button", { name: "main.ts" }).click();
    await expect(editorLines(page)).toBeVisible();
  });
  await visit("members", `${seeded.room}/members`, heading(/members/i));
  await visit("dashboard", "/dashboard", () => expect(page.locator(".dash-chart canvas").first()).toBeVisible());
  await visit("admin", "/admin", heading("Admin"));

  mkdirSync("test-results/axe", { recursive: true });
  for (const colorScheme of THEMES) {
    writeFileSync(`test-results/axe/${test.info().project.name}-${colorScheme}.json`, JSON.stringify(results[colorScheme], null, 2));
  }
  await context.close();
});
