import { expect, test, type Browser } from "@playwright/test";
import { attemptSignIn, register, signIn, signOut, snap, uniqueAccount } from "./helpers";

// One server with one database: the first account registered here becomes the admin.
test.describe.configure({ mode: "serial" });

const admin = uniqueAccount("Ada");
const member = uniqueAccount("Bob");

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("protected pages redirect to sign-in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
  await snap(page, "signin");
});

test("the first account becomes admin; register, sign out, sign in", async ({ page }) => {
  await page.goto("/register");
  await expect(page.getByText("This is the first account")).toBeVisible();
  await snap(page, "register");
  await register(page, admin);
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Welcome, ${admin.name}` })).toBeVisible();
  await snap(page, "home");
  await signOut(page);
  await signIn(page, admin);
});

test("a wrong password gets one generic message", async ({ page }) => {
  await attemptSignIn(page, { email: admin.email, password: "not-the-password" });
  await expect(page.locator(".alert[role=alert]")).toHaveText("Wrong email or password.");
  await attemptSignIn(page, { email: "nobody@example.com", password: "not-the-password" });
  await expect(page.locator(".alert[role=alert]")).toHaveText("Wrong email or password.");
  await snap(page, "signin-error");
});

test("the register form drops an error once the input it was about changes", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/register");
  await page.getByLabel("Display name").fill("   ");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#name-error")).toHaveText("Enter your name.");
  await page.getByLabel("Display name").fill("Carol");
  await expect(page.locator("#name-error")).toHaveCount(0);

  await page.getByRole("button", { name: "Create account" }).click();
  const taken = page.locator("#email-error");
  await expect(taken).toContainText("already exists");
  await snap(page, "register-stale-error");
  await page.getByLabel("Email").pressSequentially("x");
  await expect(taken).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
});

test("sign-in returns to the page that was asked for", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/callbackUrl=%2Fadmin/);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
});

test("a member cannot open the admin page", async ({ browser }) => {
  const page = await freshPage(browser);
  await register(page, member);
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await snap(page, "forbidden");
});

test("an admin changes a role, and it is audited and applies on the next request", async ({ browser, page }) => {
  await signIn(page, admin);
  await page.goto("/admin");
  const row = page.locator(`tr[data-email="${member.email}"]`);
  await row.getByLabel(`Role of ${member.email}`).selectOption("admin");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText(
    `changed the role of ${member.email} from member to admin`,
  );
  await snap(page, "admin");

  const memberPage = await freshPage(browser);
  await signIn(memberPage, member);
  const response = await memberPage.goto("/admin");
  expect(response?.status()).toBe(200);

  await row.getByLabel(`Role of ${member.email}`).selectOption("member");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("from admin to member");
  expect((await memberPage.goto("/admin"))?.status()).toBe(403);
});

test("a disabled account is refused on its next request and at sign-in; its old sessions stay ended", async ({ browser, page }) => {
  const memberPage = await freshPage(browser);
  await signIn(memberPage, member);
  const oldCookies = await memberPage.context().cookies();
  const sessionUser = async () => ((await (await memberPage.request.get("/api/auth/session")).json()) as { user?: unknown }).user;
  expect(await sessionUser()).toBeTruthy();

  await signIn(page, admin);
  await page.goto("/admin");
  const row = page.locator(`tr[data-email="${member.email}"]`);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByText("disabled")).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText(`disabled ${member.email}`);

  // Sessions are checked against the account at most a few seconds apart.
  await expect.poll(sessionUser, { timeout: 15_000 }).toBeUndefined();
  await memberPage.context().addCookies(oldCookies);
  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/signin\?error=SESSION_ENDED/);
  await attemptSignIn(memberPage, member);
  await expect(memberPage.locator(".alert[role=alert]")).toHaveText("This account has been disabled. Contact an admin.");

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByText("active")).toBeVisible();
  // Re-enabling does not revive the cookies issued before the account was disabled.
  await memberPage.context().addCookies(oldCookies);
  expect(await sessionUser()).toBeUndefined();
  await signIn(memberPage, member);
  expect(await sessionUser()).toBeTruthy();
});
