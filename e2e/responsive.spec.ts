import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { projectDb } from "./analytics-db";
import { scanAccessibility } from "./axe";
import { createFile, createRoom, editorLines, register, snap, typeAtEnd, uniqueAccount } from "./helpers";

// Every page at phone (390×844), tablet (768×1024) and laptop (1366×768) size, light and dark:
// nothing scrolls sideways (axe-clean at phone size), the menu collapses, the room switches panes,
// chat works, dashboard panels stack.
test.describe.configure({ mode: "serial" });

const person = uniqueAccount("Pia");
const LONG_LINE = `const endpoints = [${Array.from({ length: 24 }, (_, i) => `"/api/v1/service-${i}"`).join(", ")}];`;
let context: BrowserContext;
let page: Page;
const urls: Record<string, string> = {};

/** Whether the page is wider than the window (it would scroll sideways). */
const overflows = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The elements that stick out past the window's right edge unclipped, outermost first (empty when the page fits). */
const sticksOut = (p: Page) =>
  p.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const clipped = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== "visible") return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el));
    const outermost = wide
      .filter((el) => !wide.includes(el.parentElement!))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return outermost.length > 0 ? outermost : [`the page (${document.documentElement.scrollWidth} px)`];
  });

/**
 * Opens a page and checks it in the light and the dark theme: nothing scrolls sideways and, at phone
 * width, axe finds no serious or critical violation. Screenshots: light at every size, dark at 390.
 */
async function visit(p: Page, url: string, ready: () => Promise<void>, name: string) {
  await p.goto(url);
  await ready();
  const width = p.viewportSize()!.width;
  for (const colorScheme of ["dark", "light"] as const) {
    await p.emulateMedia({ colorScheme });
    expect(await sticksOut(p), `${name} scrolls sideways at ${width} px in ${colorScheme}`).toEqual([]);
    if (width === 390) await scanAccessibility(p, `${name} at 390 px in ${colorScheme}`);
    if (colorScheme === "light" || width === 390) await snap(p, `responsive-${width}-${colorScheme}-${name}`);
  }
}

const heading = (name: string | RegExp) => () => expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

/** Sign-in and register, signed out in a fresh context of the same size. */
async function authPages(browser: Browser, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  const p = await context.newPage();
  await visit(p, "/signin", () => expect(p.getByRole("button", { name: "Sign in" })).toBeVisible(), "signin");
  await visit(p, "/register", () => expect(p.getByRole("button", { name: "Create account" })).toBeVisible(), "register");
  await context.close();
}

/** The pages that look the same at every size (rooms, chat and dashboard are checked by the caller). */
async function plainPages() {
  await visit(page, "/", heading(`Welcome, ${person.name}`), "home");
  await visit(page, "/knowledge", heading("Knowledge"), "knowledge");
  await visit(page, urls.document!, heading("handbook-for-the-payments-platform-team.md"), "document");
  await visit(page, urls.passage!, heading(/^Passage 1 of/), "passage");
  await visit(page, "/knowledge/learned", heading("Learned from chat"), "learned");
  await visit(page, "/rooms", heading("Rooms"), "rooms");
  await visit(page, `${urls.room}/members`, heading("Members and settings"), "members");
  await visit(page, "/admin", heading("Admin"), "admin");
}

async function dashboardStacks() {
  await visit(page, "/dashboard", () => expect(page.getByText("Loading…")).toHaveCount(0), "dashboard");
  const lefts = await page.locator(".dash-panel").evaluateAll((panels) => panels.map((p) => Math.round(p.getBoundingClientRect().left)));
  expect(lefts.length).toBeGreaterThan(1);
  expect(new Set(lefts).size, "dashboard panels in one column").toBe(1);
}

/** A table wider than the screen scrolls inside its own box. */
async function tableScrollsInside(selector: string) {
  const box = page.locator(selector).first();
  const { scrolls, overflow } = await box.evaluate((el) => ({ scrolls: el.scrollWidth > el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  expect(overflow).toBe("auto");
  expect(scrolls, `${selector} is wider than its box`).toBe(true);
}

test.beforeAll(async ({ browser }) => {
  // axe needs a page of a context made with browser.newContext().
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await register(page, person);
  const db = await projectDb();
  await db.user.update({ where: { email: person.email }, data: { role: "admin" } });
  await db.$disconnect();

  await page.goto("/knowledge");
  await page.getByTestId("knowledge-file-input").setInputFiles({
    name: "handbook-for-the-payments-platform-team.md",
    mimeType: "text/markdown",
    buffer: Buffer.from("# Handbook\n\nThe payments platform deploys every weekday after the canary has been green for an hour.\n"),
  });
  const table = page.getByTestId("document-table");
  await expect(table.getByText("Ready")).toBeVisible({ timeout: 30_000 });
  await table.getByRole("link", { name: "handbook-for-the-payments-platform-team.md" }).click();
  await page.getByTestId("chunk-list").getByRole("link", { name: "#1" }).click();
  await expect(page.getByTestId("passage-document")).toBeVisible();
  urls.passage = new URL(page.url()).pathname;
  await page.goBack();
  urls.document = new URL(page.url()).pathname;

  urls.room = await createRoom(page, `Phone room ${Date.now().toString(36)}`);
  await createFile(page, "src/app.ts");
  await typeAtEnd(page, "export const typedOnDesktop = 1;");
  await expect(editorLines(page)).toContainText("typedOnDesktop");

  await page.goto("/chat");
  await page.getByLabel("Message", { exact: true }).fill(`Explain this list of endpoints, please:\n\n\`\`\`ts\n${LONG_LINE}\n\`\`\``);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("assistant-message").locator(".code-block")).toContainText("service-23");
  urls.chat = new URL(page.url()).pathname;
});

test.afterAll(async () => {
  await context.close();
});

test("at 390×844 the menu collapses, the room uses tabs and every page fits", async ({ browser }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await authPages(browser, 390, 844);
  await visit(page, "/", heading(`Welcome, ${person.name}`), "home");

  // The menu: a disclosure button; Esc closes it and gives focus back; a click outside or a followed link closes it.
  const menuButton = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  expect(await page.locator(".sidebar").evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(60);
  await menuButton.click();
  await expect(menuButton).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(`#${await menuButton.getAttribute("aria-controls")}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await snap(page, "responsive-390-menu-open");
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menuButton).toBeFocused();
  await menuButton.click();
  await page.mouse.click(195, 700);
  await expect(nav).toBeHidden();
  await menuButton.click();
  await nav.getByRole("link", { name: "Rooms" }).click();
  await expect(page).toHaveURL(/\/rooms$/);
  await expect(nav).toBeHidden();
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");

  await plainPages();
  await tableScrollsInside(".table-wrap:has(table[aria-label='Users'])");
  await dashboardStacks();

  // Chat: the long code line scrolls inside its block; the list opens from a button; a message goes out.
  await visit(page, urls.chat!, () => expect(page.getByTestId("assistant-message").first()).toBeVisible(), "chat-open");
  const code = page.getByTestId("assistant-message").first().locator(".code-block pre");
  expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const chats = page.getByRole("button", { name: "Chats" });
  await chats.click();
  const list = page.getByRole("navigation", { name: "Conversations" });
  await expect(list.getByRole("link", { name: /^Explain this list/ })).toBeVisible();
  await snap(page, "responsive-390-chat-list");
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  const message = page.getByLabel("Message", { exact: true });
  await expect(message).toBeInViewport();
  await message.fill("Hello from a phone");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("assistant-message").nth(1)).toContainText("Hello from a phone");
  await expect(message).toBeInViewport();
  expect(await overflows(page)).toBe(false);
  await snap(page, "responsive-390-chat-sent");
  await visit(page, "/chat", () => expect(page.getByLabel("Message", { exact: true })).toBeInViewport(), "chat-new");

  // The room: one pane at a time; the editor stays bound to the live document across switches.
  await visit(page, urls.room!, () => expect(page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 }), "room-files");
  const panes = page.getByRole("tablist", { name: "Room view" });
  await expect(panes.getByRole("tab", { name: "Files" })).toHaveAttribute("aria-selected", "true");
  await page.locator(".file-tree").getByRole("button", { name: "app.ts", exact: true }).click();
  await expect(panes.getByRole("tab", { name: "Editor" })).toHaveAttribute("aria-selected", "true");
  await expect(page.locator(".file-tree")).toBeHidden();
  await typeAtEnd(page, "\nexport const typedOnPhone = 2;");
  await snap(page, "responsive-390-room-editor");
  await panes.getByRole("tab", { name: "Chat" }).click();
  await expect(editorLines(page)).toBeHidden();
  await expect(page.getByRole("tabpanel").filter({ visible: true })).toHaveAttribute("id", "room-side-chat");
  await snap(page, "responsive-390-room-chat");
  await panes.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("tabpanel").filter({ visible: true })).toHaveAttribute("id", "room-side-history");
  await panes.getByRole("tab", { name: "Editor" }).click();
  await typeAtEnd(page, "\nexport const afterSwitching = 3;");
  expect(await overflows(page)).toBe(false);
  await page.reload();
  await expect(page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 });
  await page.locator(".file-tree").getByRole("button", { name: "app.ts", exact: true }).click();
  await expect(editorLines(page)).toContainText("typedOnPhone");
  await expect(editorLines(page)).toContainText("afterSwitching");
});

test("at 768×1024 the menu collapses, the room uses tabs and every page fits", async ({ browser }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await authPages(browser, 768, 1024);
  await plainPages();
  await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
  await dashboardStacks();
  await visit(page, urls.chat!, () => expect(page.getByLabel("Message", { exact: true })).toBeInViewport(), "chat-open");
  await visit(page, urls.room!, () => expect(page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 }), "room");
  await expect(page.getByRole("tablist", { name: "Room view" })).toBeVisible();
});

test("at 1366×768 the sidebar stays in view on long pages and every page fits", async ({ browser }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await authPages(browser, 1366, 768);
  await plainPages();
  await visit(page, "/dashboard", () => expect(page.locator(".dash-panel").first()).toBeVisible(), "dashboard");
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight * 1.5)).toBe(true);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" })).toBeInViewport();
  await visit(page, urls.chat!, () => expect(page.getByLabel("Message", { exact: true })).toBeInViewport(), "chat-open");
  await visit(page, urls.room!, () => expect(page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 }), "room");
  await expect(page.getByRole("tablist", { name: "Room view" })).toBeHidden();
});
