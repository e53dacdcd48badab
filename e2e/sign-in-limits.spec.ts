import { expect, test, type APIRequestContext } from "@playwright/test";
import { register, uniqueAccount } from "./helpers";

/** One credentials sign-in through next-auth's real route, as the sign-in form sends it. */
async function postSignIn(request: APIRequestContext, email: string, password: string, forwardedFor?: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true", callbackUrl: "/" },
    headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
  });
}

test("a spoofed X-Forwarded-For does not reset the per-address count, and 429 carries Retry-After", async ({ browser, request }) => {
  const victim = uniqueAccount("Vera");
  const page = await (await browser.newContext()).newPage();
  await register(page, victim);

  for (let i = 0; i < 5; i++) {
    const failed = await postSignIn(request, victim.email, "wrong-password-x", `9.9.9.${i}`);
    expect(failed.status()).toBe(401);
  }
  // Same real address (the connection's), a new claimed one: still limited, even with the right password.
  for (const spoof of ["9.9.9.9", "203.0.113.5, 198.51.100.1", "::1"]) {
    const limited = await postSignIn(request, victim.email, victim.password, spoof);
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    expect(((await limited.json()) as { url: string }).url).toMatch(/error=RATE_LIMITED%3A\d+|error=RATE_LIMITED:\d+/);
  }
  // Another account from the same address is not locked by this one's failures.
  const other = uniqueAccount("Otto");
  const otherPage = await (await browser.newContext()).newPage();
  await register(otherPage, other);
  expect((await postSignIn(request, other.email, other.password)).status()).toBe(200);
});

test("the sign-in form names the wait when rate-limited", async ({ page, request }) => {
  const account = uniqueAccount("Wynn");
  await register(page, account);
  for (let i = 0; i < 5; i++) expect((await postSignIn(request, account.email, "wrong-password-y")).status()).toBe(401);
  const fresh = await (await page.context().browser()!.newContext()).newPage();
  await fresh.goto("/signin");
  await fresh.getByLabel("Email").fill(account.email);
  await fresh.getByLabel("Password").fill(account.password);
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.locator(".alert[role=alert]")).toHaveText(/Too many failed attempts\. Try again in \d+ s\./);
});

test("registration refuses short, common and email-like passwords", async ({ page }) => {
  const account = uniqueAccount("Pia");
  await page.goto("/register");
  await page.getByLabel("Display name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  const password = page.getByLabel("Password");
  const create = page.getByRole("button", { name: "Create account" });
  // The browser's own minlength check stops short passwords before they are sent.
  await password.fill("short-pw");
  await create.click();
  expect(await password.evaluate((el: HTMLInputElement) => el.validity.tooShort)).toBe(true);
  await password.fill("1234567890");
  await create.click();
  await expect(page.getByText("This password is one of the most common ones. Choose another.")).toBeVisible();
  await password.fill(`${account.email}!`);
  await create.click();
  await expect(page.getByText("Do not use your email address in your password.")).toBeVisible();
  await password.fill(account.password);
  await create.click();
  await expect(page.getByTestId("current-user")).toHaveText(account.name);
});
