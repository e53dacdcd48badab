import { expect, test, type Page } from "@playwright/test";

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function uniqueAccount(name: string): Account {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name, email: `${name.toLowerCase()}-${id}@example.com`, password: `pw-${id}-secret` };
}

export async function register(page: Page, account: Account) {
  await page.goto("/register");
  await page.getByLabel("Display name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(account.name);
}

/** Fills and submits the sign-in form; the caller checks the outcome. */
export async function attemptSignIn(page: Page, account: Pick<Account, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signIn(page: Page, account: Account) {
  await attemptSignIn(page, account);
  await expect(page.getByTestId("current-user")).toHaveText(account.name);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Saves a full-page screenshot under test-results/screens for people to look at. */
export async function snap(page: Page, name: string) {
  const project = test.info().project.name;
  await page.screenshot({ path: `test-results/screens/${project}/${name}.png`, fullPage: true });
}

/** The text lines of the Monaco editor on the page (a room's open file). */
export const editorLines = (page: Page) => page.locator(".monaco-editor .view-lines").first();

/** Types at the end of the open file, as a person would. */
export async function typeAtEnd(page: Page, text: string) {
  await editorLines(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/** Creates a room from the Rooms page, waits until it is live and returns its path. */
export async function createRoom(page: Page, name: string): Promise<string> {
  await page.getByRole("link", { name: "Rooms" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page).toHaveURL(/\/rooms\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 });
  return new URL(page.url()).pathname;
}

/** In the open room, creates a file at `path` and waits for its editor. */
export async function createFile(page: Page, path: string) {
  await page.getByRole("button", { name: "+ File" }).click();
  await page.getByLabel("New file path").fill(path);
  await page.getByRole("button", { name: "OK" }).click();
  await expect(editorLines(page)).toBeVisible({ timeout: 30_000 });
}
