import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { register, uniqueAccount } from "./helpers";

// Knowledge base in a real browser: drop files and a folder, watch ingestion to ready (upload list
// and table agreeing), refusals apart with reasons, duplicates, document and passage pages (matched
// words marked, a deleted document's passage), citation chips in chat, teach, room approval.
test.describe.configure({ mode: "serial" });

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2b1e40000000049454e44ae426082",
  "hex",
);
const RUNBOOK = "# Release runbook\n\n## Rollout\n\nThe zephyr release ships every Thursday after the canary has been green for two hours.\n\n## Rollback\n\nRoll back with the previous image tag and tell the on-call engineer.\n";

interface DropFile {
  name: string;
  base64: string;
  type?: string;
}

/** Dispatches a real `drop` event carrying these files on the drop zone. */
async function dropFiles(page: Page, files: DropFile[]) {
  const dataTransfer = await page.evaluateHandle((list: DropFile[]) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type ?? "" }));
    }
    return dt;
  }, files);
  await page.getByTestId("knowledge-dropzone").dispatchEvent("dragover", { dataTransfer });
  await page.getByTestId("knowledge-dropzone").dispatchEvent("drop", { dataTransfer });
}

const text = (name: string, content: string): DropFile => ({ name, base64: Buffer.from(content).toString("base64") });
const upload = (page: Page, name: string) => page.locator(`[data-testid="upload-item"][data-name="${name}"]`);

async function shot(page: Page, name: string) {
  mkdirSync("/tmp/shots", { recursive: true });
  await page.screenshot({ path: `/tmp/shots/knowledge-${name}-${test.info().project.name}.png`, fullPage: true });
}

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await register(page, uniqueAccount("Kim"));
});

test.afterAll(async () => {
  await page.close();
});

const rejectedItem = (page: Page, name: string) => page.locator(`[data-testid="rejected-item"][data-name="${name}"]`);
const documentRow = (page: Page, name: string) => page.locator(`[data-testid="document-row"][data-name="${name}"]`);

/** The upload list's and the table's status for one file, read in the same instant. */
function statusesOf(page: Page, name: string) {
  return page.evaluate((file) => {
    const text = (selector: string) => document.querySelector(selector)?.textContent?.trim() ?? null;
    return {
      upload: text(`[data-testid="upload-item"][data-name="${file}"] [data-testid="upload-status"]`),
      table: text(`[data-testid="document-row"][data-name="${file}"] [data-testid="document-status"]`),
    };
  }, name);
}

/** Samples both lists until the table says Ready: whenever both show the file, they say the same. */
async function expectListsAgreeUntilReady(page: Page, name: string) {
  const disagreements: string[] = [];
  await expect(async () => {
    const { upload, table } = await statusesOf(page, name);
    if (upload !== null && table !== null && upload !== table) disagreements.push(`${upload} / ${table}`);
    expect(table).toBe("Ready");
  }).toPass({ timeout: 30_000, intervals: [100] });
  expect(disagreements, `upload list and table disagree on ${name}`).toEqual([]);
}

test("knowledge: drop files, upload list and table agree to ready, refusals apart and dismissed, duplicates", async () => {
  await page.getByRole("link", { name: "Knowledge", exact: true }).click();
  await expect(page).toHaveURL(/\/knowledge$/);
  await shot(page, "empty");

  await dropFiles(page, [text("runbook.md", RUNBOOK), { name: "photo.md", base64: PNG.toString("base64") }, text("notes.txt", "Team notes: the standup is at nine fifteen every weekday morning in the blue room.")]);
  await expectListsAgreeUntilReady(page, "runbook.md");
  await expectListsAgreeUntilReady(page, "notes.txt");
  // Settled files leave the upload list: the table alone lists them.
  await expect(upload(page, "runbook.md")).toHaveCount(0);
  await expect(upload(page, "notes.txt")).toHaveCount(0);
  const refused = rejectedItem(page, "photo.md");
  await expect(refused.getByTestId("upload-status")).toHaveText("Unsupported type", { timeout: 30_000 });
  await expect(refused.getByTestId("upload-reason")).toContainText("binary data");
  await expect(documentRow(page, "photo.md")).toHaveCount(0);

  await dropFiles(page, [text("runbook-copy.md", RUNBOOK)]);
  const duplicate = rejectedItem(page, "runbook-copy.md");
  await expect(duplicate.getByTestId("upload-reason")).toContainText('Duplicate of "runbook.md"', { timeout: 30_000 });
  await expect(duplicate.getByRole("button", { name: "Replace the existing document" })).toBeVisible();
  await expect(page.getByTestId("upload-item")).toHaveCount(0);
  await shot(page, "uploads");

  await refused.getByRole("button", { name: "Dismiss photo.md" }).click();
  await expect(refused).toHaveCount(0);
  await page.reload();
  await expect(rejectedItem(page, "runbook-copy.md")).toBeVisible();
  await expect(rejectedItem(page, "photo.md")).toHaveCount(0);
  await expect(documentRow(page, "runbook.md").getByTestId("document-status")).toHaveText("Ready");
  await expect(page.getByTestId("document-row")).toHaveCount(2);
});

test("knowledge: pick a whole folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kn-folder-"));
  mkdirSync(join(dir, "handbook", "api"), { recursive: true });
  writeFileSync(join(dir, "handbook", "intro.md"), "# Handbook\n\nWelcome to the handbook of the platform team and its services.\n");
  writeFileSync(join(dir, "handbook", "api", "auth.ts"), "// Tokens expire after fifteen minutes.\nexport const TOKEN_TTL_MINUTES = 15;\n");
  await page.locator('input[type="file"][webkitdirectory]').setInputFiles(join(dir, "handbook"));
  await expect(documentRow(page, "handbook/intro.md").getByTestId("document-status")).toHaveText("Ready", { timeout: 30_000 });
  await expect(documentRow(page, "handbook/api/auth.ts").getByTestId("document-status")).toHaveText("Ready", { timeout: 30_000 });
  await expect(page.getByTestId("upload-item")).toHaveCount(0);
});

test("knowledge: document page with text and chunks, passage page, delete", async () => {
  await page.goto("/knowledge?q=runbook");
  await page.getByTestId("document-table").getByRole("link", { name: "runbook.md" }).click();
  await expect(page.getByRole("heading", { name: "runbook.md" })).toBeVisible();
  await expect(page.getByTestId("extracted-text")).toContainText("zephyr release ships every Thursday");
  await expect(page.getByTestId("chunk-list")).toContainText("Release runbook");
  const original = await page.request.get(page.url().replace("/knowledge/documents/", "/api/knowledge/documents/") + "/file");
  expect(await original.text()).toBe(RUNBOOK);
  await shot(page, "document");

  await page.getByTestId("chunk-list").getByRole("link", { name: "#1" }).click();
  await expect(page.getByTestId("passage-document")).toHaveText("runbook.md");
  await expect(page.getByTestId("passage-location")).toContainText("lines 1–");
  await shot(page, "passage");

  await page.goto("/knowledge");
  await page.getByTestId("document-table").getByRole("link", { name: "notes.txt" }).click();
  const notesPassage = await page.getByTestId("chunk-list").getByRole("link", { name: "#1" }).getAttribute("href");
  await page.getByRole("button", { name: "Delete notes.txt" }).click();
  await expect(page).toHaveURL(/\/knowledge$/);
  await expect(page.locator('[data-testid="document-row"][data-name="notes.txt"]')).toHaveCount(0);

  // A citation kept in an older answer points at a passage of the deleted document.
  await page.goto(notesPassage!);
  await expect(page.getByTestId("passage-deleted")).toHaveText("This document was deleted");
  await shot(page, "passage-deleted");
});

test("knowledge: chat cites passages, a correction is taught and then cited", async () => {
  await page.goto("/chat");
  await page.getByLabel("Message", { exact: true }).fill("When does the zephyr release ship?");
  await page.getByRole("button", { name: "Send" }).click();
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer.locator(".chat-sources a").first()).toBeVisible({ timeout: 30_000 });
  const chip = answer.getByTestId("citation-chip").first();
  await expect(chip).toContainText(/runbook\.md · lines? \d/);
  await expect(chip).toHaveAttribute("title", /^runbook\.md · lines? \d/);

  await answer.getByRole("button", { name: "Teach" }).click();
  await answer.getByLabel("Correct answer").fill("Since March the zephyr release ships on Tuesdays, not Thursdays.");
  await answer.getByRole("button", { name: "Save correction" }).click();
  await expect(answer.getByRole("status")).toContainText("correction was added");
  await shot(page, "chat-teach");

  await chip.click();
  await expect(page.getByTestId("passage-document")).toHaveText("runbook.md");
  const marks = page.getByTestId("passage-text").locator("mark");
  await expect(marks.first()).toBeVisible();
  expect((await marks.allInnerTexts()).map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(["zephyr", "release"]));
  await shot(page, "passage-highlight");

  await page.goto("/knowledge/learned");
  const learned = page.getByTestId("document-row").first();
  await expect(learned.getByTestId("document-status")).toHaveText("Ready", { timeout: 30_000 });
  await shot(page, "learned");

  await page.goto("/chat");
  await page.getByLabel("Message", { exact: true }).fill("Which day does the zephyr release ship on?");
  await page.getByRole("button", { name: "Send" }).click();
  const again = page.getByTestId("assistant-message").last();
  await expect(again.locator(".chat-sources a").first()).toBeVisible({ timeout: 30_000 });
  const sources = again.locator(".chat-sources a");
  const hrefs = await sources.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  let cited = false;
  for (const href of hrefs) {
    await page.goto(href!);
    if ((await page.getByTestId("passage-text").innerText()).includes("Tuesdays")) {
      cited = true;
      break;
    }
  }
  expect(cited).toBe(true);
});

test("knowledge: a room that requires approval holds new documents until an owner approves", async () => {
  await page.goto("/rooms");
  await page.getByLabel("Name").fill(`Docs room ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page).toHaveURL(/\/rooms\/[\w-]+/);
  const roomId = /\/rooms\/([\w-]+)/.exec(page.url())![1]!;

  await page.goto(`/knowledge?room=${roomId}`);
  await page.getByLabel(/need an owner's approval/).check();
  await expect(page.getByLabel(/need an owner's approval/)).toBeChecked();
  await dropFiles(page, [text("policy.md", "# Policy\n\nAll production changes need a second reviewer before merge.\n")]);
  const row = documentRow(page, "policy.md");
  await expect(row.getByTestId("document-status")).toHaveText("Awaiting approval", { timeout: 30_000 });
  await expect(upload(page, "policy.md")).toHaveCount(0);
  await shot(page, "room-approval");
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(row.getByTestId("document-status")).toHaveText("Ready");
});
