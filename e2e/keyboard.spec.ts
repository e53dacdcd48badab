import { expect, test, type Page } from "@playwright/test";
import { createFile, createRoom, register, snap, typeAtEnd, uniqueAccount } from "./helpers";

// The keyboard, in one walk: Esc closes the new-file form and gives focus back, Ctrl+S in a room
// opens the version label field (never the browser's save dialog), `?` lists the shortcuts, and
// Ctrl+S elsewhere says changes are saved live; focus is always visible.

/** Records, for every Ctrl+S, whether the page prevented the browser's default (its save dialog). */
async function watchSaveShortcut(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { savePrevented?: boolean[] };
    // Client-side navigation keeps the window: listen once, start a fresh record each time.
    if (!w.savePrevented) {
      window.addEventListener("keydown", (e) => {
        if (e.ctrlKey && e.key.toLowerCase() === "s") w.savePrevented!.push(e.defaultPrevented);
      });
    }
    w.savePrevented = [];
  });
}

const editorHasFocus = (page: Page) => page.evaluate(() => document.activeElement?.closest(".monaco-editor") != null);

const savePrevented = (page: Page) => page.evaluate(() => (window as unknown as { savePrevented: boolean[] }).savePrevented);

test("keyboard: Esc, Ctrl+S saves a named version, ? lists the shortcuts, visible focus", async ({ page }) => {
  await register(page, uniqueAccount("Kay"));
  await createRoom(page, `Keys room ${Date.now().toString(36)}`);

  const newFile = page.getByRole("button", { name: "+ File" });
  await newFile.click();
  await expect(page.getByLabel("New file path")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("New file path")).toHaveCount(0);
  await expect(newFile).toBeFocused();

  await createFile(page, "notes.md");
  await typeAtEnd(page, "# Plan");
  await watchSaveShortcut(page);
  await page.keyboard.press("Control+s");
  const label = page.getByLabel("Save version");
  await expect(label).toBeFocused();
  await snap(page, "keyboard-quick-version");
  await page.keyboard.press("Escape");
  await expect(label).toHaveCount(0);
  await expect.poll(() => editorHasFocus(page)).toBe(true);

  await page.keyboard.press("Control+s");
  await label.fill("Before the refactor");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Saved version “Before the refactor”." })).toBeVisible();
  await expect.poll(() => editorHasFocus(page)).toBe(true);
  expect(await savePrevented(page)).toEqual([true, true]);
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId("version").filter({ hasText: "Before the refactor" })).toBeVisible();

  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("?");
  const shortcuts = page.getByTestId("shortcuts-dialog");
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts.getByRole("heading", { name: "Keyboard shortcuts" })).toBeVisible();
  await expect(shortcuts).toContainText("Ctrl/⌘ + S");
  await snap(page, "keyboard-shortcuts");
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();

  await page.getByRole("link", { name: "Chat", exact: true }).click();
  await page.getByLabel("Message", { exact: true }).click();
  await watchSaveShortcut(page);
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("shortcut-notice")).toHaveText("Changes are saved live.");
  expect(await savePrevented(page)).toEqual([true]);
  // Typing `?` in a field is just a question mark.
  await page.keyboard.press("?");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("?");
  await expect(shortcuts).toBeHidden();

  await page.getByLabel("Message", { exact: true }).press("Shift+Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe("solid");
});
