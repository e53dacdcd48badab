import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";
import { createFile, editorLines, register, snap, typeAtEnd, uniqueAccount, type Account } from "./helpers";

// Three people share one room: an owner, an editor and a viewer; an outsider tries to get in.
test.describe.configure({ mode: "serial" });

const owner = uniqueAccount("Ada");
const editor = uniqueAccount("Bob");
const viewer = uniqueAccount("Cy");
const outsider = uniqueAccount("Dee");
const roomName = `Team room ${Date.now().toString(36)}`;

interface Person {
  context: BrowserContext;
  page: Page;
  /** Requests that left this machine (there must be none: Monaco and fonts are local). */
  external: string[];
}

const people = new Map<string, Person>();
let roomUrl = "";

async function person(browser: Browser, account: Account): Promise<Person> {
  const known = people.get(account.email);
  if (known) return known;
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const external: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", ""].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol)) external.push(request.url());
  });
  page.on("dialog", (dialog) => void dialog.accept());
  await register(page, account);
  const created = { context, page, external };
  people.set(account.email, created);
  return created;
}

async function editorText(page: Page): Promise<string> {
  return (await editorLines(page).innerText()).replace(/\u00a0/g, " ");
}

async function openFile(page: Page, name: string) {
  await page.locator(".file-tree").getByRole("button", { name, exact: true }).click();
  await expect(editorLines(page)).toBeVisible({ timeout: 30_000 });
}

/** Whether an input's placeholder is drawn whole, not cut off at the input's edge. */
function placeholderFits(input: Locator): Promise<boolean> {
  return input.evaluate((el: HTMLInputElement) => {
    const style = getComputedStyle(el, "::placeholder");
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft) - parseFloat(getComputedStyle(el).paddingRight);
    return context.measureText(el.placeholder).width <= room;
  });
}

/** Whether Monaco's icon font was fetched and applied (without it icons draw as empty boxes). */
function codiconLoaded(page: Page): Promise<boolean> {
  return page.evaluate(() => [...document.fonts].some((font) => font.family.replace(/["']/g, "") === "codicon" && font.status === "loaded"));
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/shots/${test.info().project.name}-${name}.png` });
  await snap(page, name);
}

test.afterAll(async () => {
  for (const p of people.values()) await p.context.close();
  people.clear();
});

test("an owner creates a room and invites an editor and a viewer", async ({ browser }) => {
  const ada = await person(browser, owner);
  await person(browser, editor);
  await person(browser, viewer);
  await ada.page.getByRole("link", { name: "Rooms" }).click();
  await ada.page.getByLabel("Name").fill(roomName);
  await ada.page.getByLabel("Description").fill("Where we pair on the **parser**.");
  await ada.page.getByRole("button", { name: "Create room" }).click();
  await expect(ada.page).toHaveURL(/\/rooms\/[A-Za-z0-9_-]+$/);
  roomUrl = new URL(ada.page.url()).pathname;
  await expect(ada.page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 });

  await ada.page.getByRole("link", { name: "Members" }).click();
  for (const [account, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    await ada.page.getByLabel("Email of an existing account").fill(account.email);
    await ada.page.getByLabel("Role", { exact: true }).selectOption(role);
    await ada.page.getByRole("button", { name: "Invite" }).click();
    await expect(ada.page.locator(`tr[data-email="${account.email}"]`)).toContainText(account.name);
  }
  await shot(ada.page, "room-members");
  await ada.page.goto("/rooms");
  await expect(ada.page.getByRole("link", { name: new RegExp(roomName) })).toBeVisible();
  await shot(ada.page, "rooms-list");
});

test("two people edit one file live: text converges, cursors are labelled, presence shows the file, undo is per user", async ({ browser }) => {
  const ada = await person(browser, owner);
  const bob = await person(browser, editor);
  await ada.page.goto(roomUrl);
  await ada.page.getByRole("button", { name: "+ File" }).click();
  await ada.page.getByLabel("New file path").fill("src/main.ts");
  await ada.page.getByRole("button", { name: "OK" }).click();
  await expect(editorLines(ada.page)).toBeVisible({ timeout: 30_000 });
  await typeAtEnd(ada.page, "const alpha = 1;");

  await bob.page.goto(roomUrl);
  await openFile(bob.page, "main.ts");
  await expect.poll(() => editorText(bob.page)).toContain("const alpha = 1;");
  await typeAtEnd(bob.page, "\nconst beta = 2;");
  await typeAtEnd(ada.page, "\nconst gamma = 3;");
  for (const page of [ada.page, bob.page]) {
    await expect.poll(() => editorText(page)).toContain("const beta = 2;");
    await expect.poll(() => editorText(page)).toContain("const gamma = 3;");
  }
  expect(await editorText(ada.page)).toBe(await editorText(bob.page));

  // Bob sees Ada's cursor with her name, and both see who is here and in which file.
  const head = bob.page.locator(".yRemoteSelectionHead").first();
  await expect(head).toBeAttached();
  await expect.poll(() => head.evaluate((el) => getComputedStyle(el, "::after").content)).toContain(owner.name);
  await expect(ada.page.getByTestId("presence").locator("li", { hasText: editor.name })).toContainText("main.ts");
  await shot(ada.page, "workspace-two-users");
  await shot(bob.page, "workspace-two-users-bob");

  // Undo takes back Bob's own edit only.
  // (Typing may have been captured as several undo steps on a busy machine: press until it is gone.)
  await editorLines(bob.page).click();
  await expect(async () => {
    await bob.page.keyboard.press("Control+z");
    expect(await editorText(ada.page)).not.toContain("beta");
  }).toPass();
  expect(await editorText(ada.page)).toContain("const gamma = 3;");
  expect(await editorText(ada.page)).toContain("const alpha = 1;");
  await expect(async () => {
    await bob.page.keyboard.press("Control+Shift+z");
    expect(await editorText(ada.page)).toContain("const beta = 2;");
  }).toPass();
});

test("a viewer sees the file live but cannot change it, and the page says so", async ({ browser }) => {
  const cy = await person(browser, viewer);
  await cy.page.goto(roomUrl);
  await expect(cy.page.getByTestId("viewer-notice")).toBeVisible();
  await expect(cy.page.getByRole("button", { name: "+ File" })).toHaveCount(0);
  await openFile(cy.page, "main.ts");
  await expect.poll(() => editorText(cy.page)).toContain("const alpha = 1;");
  const before = await editorText(cy.page);
  await typeAtEnd(cy.page, "zzz");
  await cy.page.waitForTimeout(500);
  expect(await editorText(cy.page)).toBe(before);
  expect(await editorText(people.get(owner.email)!.page)).not.toContain("zzz");
  await shot(cy.page, "workspace-viewer");
});

test("someone who is not a member gets 404 for the room, its token and its zip", async ({ browser }) => {
  const dee = await person(browser, outsider);
  const response = await dee.page.goto(roomUrl);
  expect(response?.status()).toBe(404);
  const roomId = roomUrl.split("/").at(-1)!;
  expect((await dee.page.request.post(`/api/rooms/${roomId}/token`)).status()).toBe(404);
  expect((await dee.page.request.get(`/api/rooms/${roomId}/export`)).status()).toBe(404);
  expect((await dee.page.request.get(`/api/rooms/${roomId}/chat`)).status()).toBe(404);
  expect((await dee.page.goto(`${roomUrl}/members`))?.status()).toBe(404);
});

test("room chat reaches the other person live and survives a reload", async ({ browser }) => {
  const ada = await person(browser, owner);
  const bob = await person(browser, editor);
  await ada.page.getByLabel("Message the room").fill("Shipping the **parser** today <script>window.__pwned = 1</script>");
  await ada.page.getByLabel("Message the room").press("Enter");
  const bobMessage = bob.page.getByTestId("room-chat-message").filter({ hasText: "Shipping the parser today" });
  await expect(bobMessage).toBeVisible();
  await expect(bobMessage.locator("strong", { hasText: "parser" })).toBeVisible();
  await expect(bobMessage).toContainText(owner.name);
  expect(await bob.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await bob.page.reload();
  await expect(bob.page.getByTestId("room-chat-message").filter({ hasText: "Shipping the parser today" })).toBeVisible();
});

test("save a version, change the file, restore: both people see the restored text", async ({ browser }) => {
  const ada = await person(browser, owner);
  const bob = await person(browser, editor);
  await openFile(bob.page, "main.ts");
  // README.md sorts before src/main.ts and stays unchanged: the preview must open on main.ts.
  await createFile(ada.page, "README.md");
  await typeAtEnd(ada.page, "# Team room");
  await openFile(ada.page, "main.ts");
  await ada.page.getByRole("tab", { name: "History" }).click();
  expect(await placeholderFits(ada.page.getByLabel("Version label"))).toBe(true);
  await ada.page.getByLabel("Version label").fill("before delta");
  await ada.page.getByRole("button", { name: "Save version" }).click();
  await expect(ada.page.getByTestId("version").filter({ hasText: "before delta" })).toBeVisible();

  await typeAtEnd(ada.page, "\nconst delta = 4;");
  await expect.poll(() => editorText(bob.page)).toContain("const delta = 4;");

  await ada.page.getByTestId("version").filter({ hasText: "before delta" }).getByRole("button", { name: "Preview" }).click();
  // Left: the file as saved; right: the file now, with the added line marked.
  const saved = ada.page.locator(".preview-body .editor.original .view-lines");
  const now = ada.page.locator(".preview-body .editor.modified .view-lines");
  await expect(saved).toContainText("const gamma = 3;", { timeout: 30_000 });
  await expect(saved).not.toContainText("const delta = 4;");
  await expect(now).toContainText("const delta = 4;");
  await expect(ada.page.locator(".preview-body .editor.modified .line-insert").first()).toBeVisible();
  await expect(ada.page.getByLabel("File in this version").locator("option:checked")).toHaveText("src/main.ts (changed since)");
  await expect(ada.page.getByLabel("File in this version")).toContainText("README.md (unchanged)");
  await expect(ada.page.locator(".preview-body .codicon").first()).toBeVisible();
  await expect.poll(() => codiconLoaded(ada.page)).toBe(true);
  await shot(ada.page, "version-preview");
  await ada.page.getByRole("button", { name: "Close preview" }).click();

  await ada.page.getByTestId("version").filter({ hasText: "before delta" }).getByRole("button", { name: "Restore" }).click();
  await expect(ada.page.getByRole("status").filter({ hasText: "Restored" })).toBeVisible();
  await expect.poll(() => editorText(bob.page)).not.toContain("const delta = 4;");
  await expect.poll(() => editorText(ada.page)).not.toContain("const delta = 4;");
  expect(await editorText(bob.page)).toContain("const gamma = 3;");

  // Restoring the automatic "before restoring" version undoes the restore.
  await ada.page.getByTestId("version").filter({ hasText: "Before restoring" }).first().getByRole("button", { name: "Restore" }).click();
  await expect.poll(() => editorText(bob.page)).toContain("const delta = 4;");
});

test("the zip download holds the room's files", async ({ browser }) => {
  const ada = await person(browser, owner);
  await ada.page.waitForTimeout(500);
  const [download] = await Promise.all([ada.page.waitForEvent("download"), ada.page.getByRole("link", { name: "Download zip" }).click()]);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const entry = Object.keys(zip.files).find((name) => name.endsWith("/src/main.ts"));
  expect(entry).toBeDefined();
  expect(await zip.file(entry!)!.async("string")).toContain("const gamma = 3;");
});

test("files move by drag and drop and folders collapse; the other person sees the move live", async ({ browser }) => {
  const ada = await person(browser, owner);
  const bob = await person(browser, editor);
  const tree = (page: Page) => page.locator(".file-tree");
  const row = (page: Page, path: string) => tree(page).locator(".tree-row").filter({ has: page.locator(`[title="${path}"]`) });

  await ada.page.getByRole("button", { name: "+ Folder" }).click();
  await ada.page.getByLabel("New folder path").fill("docs");
  await ada.page.getByRole("button", { name: "OK" }).click();
  await row(ada.page, "src/main.ts").dragTo(row(ada.page, "docs"));
  await expect(row(bob.page, "docs/main.ts")).toBeVisible();
  await expect(row(bob.page, "src/main.ts")).toHaveCount(0);

  const docs = tree(ada.page).getByRole("button", { name: "docs/", exact: true });
  await docs.click();
  await expect(docs).toHaveAttribute("aria-expanded", "false");
  await expect(row(ada.page, "docs/main.ts")).toHaveCount(0);
  await shot(ada.page, "workspace-folder-collapsed");
  await docs.click();
  await expect(row(ada.page, "docs/main.ts")).toBeVisible();

  await row(ada.page, "docs/main.ts").dragTo(row(ada.page, "src"));
  await expect(row(bob.page, "src/main.ts")).toBeVisible();
  await row(ada.page, "docs").dragTo(row(ada.page, "src"));
  await expect(row(bob.page, "src/docs")).toBeVisible();
  await row(ada.page, "src/docs").dragTo(tree(ada.page).locator(".tree-head"));
  await expect(row(bob.page, "docs")).toBeVisible();
  await expect(row(bob.page, "src/docs")).toHaveCount(0);
});

test("a member removed while in the room is told so, and the socket stays closed", async ({ browser }) => {
  const ada = await person(browser, owner);
  const cy = await person(browser, viewer);
  await expect(cy.page.getByTestId("connection-status")).toHaveText("Live");
  await ada.page.goto(`${roomUrl}/members`);
  await ada.page.locator(`tr[data-email="${viewer.email}"]`).getByRole("button", { name: "Remove" }).click();
  await expect(ada.page.locator(`tr[data-email="${viewer.email}"]`)).toHaveCount(0);
  await expect(cy.page.locator(".workspace-alert[role=alert]")).toContainText("You are no longer a member of this room.");
  await expect(cy.page.getByTestId("connection-status")).toHaveText("Offline");
  await shot(cy.page, "workspace-removed");
});

test("nothing was fetched from outside this machine (Monaco loads from the local package)", () => {
  for (const p of people.values()) expect(p.external).toEqual([]);
});
