import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { register, uniqueAccount } from "./helpers";

// The assistant beside a room's editor: it sees the open file and selection, and its code goes
// into the shared document, where a collaborator in another browser sees it live.

const editorLines = (page: Page) => page.locator(".monaco-editor .view-lines").first();
const editorText = async (page: Page) => (await editorLines(page).innerText()).replace(/\u00a0/g, " ");

test("room assistant: selection as context, 'Replace selection' edits the shared document", async ({ browser }) => {
  const owner = uniqueAccount("Ada");
  const partner = uniqueAccount("Bob");
  const adaContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const ada = await adaContext.newPage();
  const bob = await bobContext.newPage();
  await register(bob, partner);
  await register(ada, owner);

  await ada.getByRole("link", { name: "Rooms" }).click();
  await ada.getByLabel("Name").fill(`Assistant room ${Date.now().toString(36)}`);
  await ada.getByRole("button", { name: "Create room" }).click();
  await expect(ada).toHaveURL(/\/rooms\/[A-Za-z0-9_-]+$/);
  const roomUrl = new URL(ada.url()).pathname;
  await ada.getByRole("link", { name: "Members" }).click();
  await ada.getByLabel("Email of an existing account").fill(partner.email);
  await ada.getByLabel("Role", { exact: true }).selectOption("editor");
  await ada.getByRole("button", { name: "Invite" }).click();
  await expect(ada.locator(`tr[data-email="${partner.email}"]`)).toBeVisible();

  await ada.goto(roomUrl);
  await ada.getByRole("button", { name: "+ File" }).click();
  await ada.getByLabel("New file path").fill("src/main.ts");
  await ada.getByRole("button", { name: "OK" }).click();
  await expect(editorLines(ada)).toBeVisible({ timeout: 30_000 });
  await editorLines(ada).click();
  await ada.keyboard.type("const first = 1;\nconst placeholder = 0;\nconst last = 3;");

  await bob.goto(roomUrl);
  // (In a narrow tree the row's hover actions cover the name: click the name's own button directly.)
  await bob.locator(".file-tree").getByRole("button", { name: "main.ts", exact: true }).dispatchEvent("click");
  await expect(editorLines(bob)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => editorText(bob)).toContain("const placeholder = 0;");

  // Select line 2 in Ada's editor, then ask the assistant about it.
  await ada.getByText("const placeholder = 0;").click();
  await ada.keyboard.press("Home");
  await ada.keyboard.press("Shift+End");
  await ada.getByRole("tab", { name: "Assistant" }).click();
  const panel = ada.getByRole("region", { name: "Assistant" });
  const chips = panel.getByLabel("Attached context");
  await expect(chips).toContainText("main.ts");
  await expect(chips).toContainText("main.ts:2–2");

  await panel.getByLabel("Message", { exact: true }).fill("which file am I in?");
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(panel.getByTestId("assistant-message").last()).toContainText("You are looking at src/main.ts with lines 2–2 selected.");

  await panel.getByLabel("Message", { exact: true }).fill("write code for line 2");
  await panel.getByRole("button", { name: "Send" }).click();
  const answer = panel.getByTestId("assistant-message").last();
  await expect(answer.locator(".code-block")).toContainText("export const answer = 42;");
  await expect(answer.getByRole("button", { name: "Send" })).toHaveCount(0);
  mkdirSync("/tmp/shots", { recursive: true });
  await ada.screenshot({ path: `/tmp/shots/room-assistant-${test.info().project.name}.png` });
  await answer.getByRole("button", { name: "Replace selection" }).click();

  await expect.poll(() => editorText(bob)).toContain("export const answer = 42;");
  await expect.poll(() => editorText(bob)).not.toContain("const placeholder = 0;");
  expect(await editorText(bob)).toContain("const first = 1;");
  expect(await editorText(bob)).toContain("const last = 3;");

  // Removing the file chip sends no editor context.
  await panel.getByRole("button", { name: "Remove main.ts" }).click();
  await panel.getByLabel("Message", { exact: true }).fill("which file now?");
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(panel.getByTestId("assistant-message").last()).toContainText("You are looking at no file.");

  await adaContext.close();
  await bobContext.close();
});
