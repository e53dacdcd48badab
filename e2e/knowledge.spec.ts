import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { register, uniqueAccount } from "./helpers";

// Knowledge base in a real browser: drop files and a folder, watch ingestion to ready, refusals
// with reasons, duplicates, document and passage pages, citations in chat, teach, room approval.
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

test("knowledge: drop files, watch stages to ready, refusals with reasons, duplicates", async () => {
  await page.getByRole("link", { name: "Knowledge", exact: true }).click();
  await expect(page).toHaveURL(/\/knowledge$/);
  await shot(page, "empty");

  await dropFiles(page, [text("runbook.md", RUNBOOK), { name: "photo.md", base64: PNG.toString("base64") }, text("notes.txt", "Team notes: the standup is at nine fifteen every weekday morning in the blue room.")]);
  await expect(upload(page, "runbook.md")).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(upload(page, "notes.txt")).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  const refused = upload(page, "photo.md");
  await expect(refused).toHaveAttribute("data-status", "failed");
  await expect(refused.getByTestId("upload-status")).toHaveText("Unsupported type");
  await expect(refused.getByTestId("upload-reason")).toContainText("binary data");

  await dropFiles(page, [text("runbook-copy.md", RUNBOOK)]);
  const duplicate = upload(page, "runbook-copy.md");
  await expect(duplicate).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(duplicate.getByTestId("upload-reason")).toContainText('Duplicate of "runbook.md"');
  await expect(duplicate.getByRole("button", { name: "Replace the existing document" })).toBeVisible();
  await shot(page, "uploads");

  const rows = page.getByTestId("document-row");
  await expect(page.locator('[data-testid="document-row"][data-name="runbook.md"]').getByTestId("document-status")).toHaveText("Ready");
  await expect(rows).toHaveCount(4);
});

test("knowledge: pick a whole folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kn-folder-"));
  mkdirSync(join(dir, "handbook", "api"), { recursive: true });
  writeFileSync(join(dir, "handbook", "intro.md"), "# Handbook\n\nWelcome to the handbook of the platform team and its services.\n");
  writeFileSync(join(dir, "handbook", "api", "auth.ts"), "// Tokens expire after fifteen minutes.\nexport const TOKEN_TTL_MINUTES = 15;\n");
  await page.locator('input[type="file"][webkitdirectory]').setInputFiles(join(dir, "handbook"));
  await expect(upload(page, "handbook/intro.md")).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(upload(page, "handbook/api/auth.ts")).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
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
  await page.getByRole("button", { name: "Delete notes.txt" }).click();
  await expect(page).toHaveURL(/\/knowledge$/);
  await expect(page.locator('[data-testid="document-row"][data-name="notes.txt"]')).toHaveCount(0);
});

test("knowledge: chat cites passages, a correction is taught and then cited", async () => {
  await page.goto("/chat");
  await page.getByLabel("Message", { exact: true }).fill("When does the zephyr release ship?");
  await page.getByRole("button", { name: "Send" }).click();
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer.locator(".chat-sources a").first()).toBeVisible({ timeout: 30_000 });

  await answer.getByRole("button", { name: "Teach" }).click();
  await answer.getByLabel("Correct answer").fill("Since March the zephyr release ships on Tuesdays, not Thursdays.");
  await answer.getByRole("button", { name: "Save correction" }).click();
  await expect(answer.getByRole("status")).toContainText("correction was added");
  await shot(page, "chat-teach");

  await answer.locator(".chat-sources a").first().click();
  await expect(page.getByTestId("passage-document")).toHaveText("runbook.md");

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
  await expect(upload(page, "policy.md")).toHaveAttribute("data-status", "pending_approval", { timeout: 30_000 });
  const row = page.locator('[data-testid="document-row"][data-name="policy.md"]');
  await expect(row.getByTestId("document-status")).toHaveText("Awaiting approval");
  await shot(page, "room-approval");
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(row.getByTestId("document-status")).toHaveText("Ready");
});
