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
