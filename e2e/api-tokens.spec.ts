import { expect, test } from "@playwright/test";
import { register, signOut, snap, uniqueAccount } from "./helpers";

// The `request` fixture carries no browser cookies: only the token speaks for the user.
test("api tokens: create on the profile, call /v1 with it, revoke", async ({ page, request }) => {
  // Someone else comes first, so Scripter is a member whichever tests ran before (the first account is admin).
  await register(page, uniqueAccount("Owner"));
  await signOut(page);
  const account = uniqueAccount("Scripter");
  await register(page, account);
  await page.getByTestId("current-user").click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { name: account.name })).toBeVisible();
  // Members are not offered the admin scope.
  await expect(page.getByRole("checkbox", { name: "admin", exact: true })).toHaveCount(0);

  await page.getByLabel("Name").fill("ci job");
  await page.getByRole("checkbox", { name: "knowledge:read" }).check();
  await page.getByLabel("Expires after").selectOption("90");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-value").textContent()) ?? "";
  expect(secret).toMatch(/^eca_[\w-]{43}$/);
  const row = page.locator('tr[data-token-name="ci job"]');
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("knowledge:read");
  await expect(row).toContainText("never");
  await snap(page, "profile-token-created");
  // Shown once: a reload lists the token but not its secret.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  const auth = { authorization: `Bearer ${secret}` };
  const unauthenticated = await request.get("/v1/models", { maxRedirects: 0 });
  expect(unauthenticated.status()).toBe(401);
  expect((await unauthenticated.json()).error.code).toBe("invalid_api_key");
  const noSession = await request.get("/api/v1/tokens", { maxRedirects: 0 });
  expect(noSession.status()).toBe(401);
  expect((await noSession.json()).error.code).toBe("UNAUTHENTICATED");
  // A bearer header skips the cross-origin check, so it must never ride on the browser's cookies.
  const riding = await page.request.post("/api/chat", { headers: { authorization: "Bearer x", "content-type": "text/plain" }, data: "{}" });
  expect(riding.status()).toBe(401);
  expect((await riding.json()).error.code).toBe("TOKEN_INVALID");

  const models = await request.get("/v1/models", { headers: auth });
  expect(models.status()).toBe(200);
  expect((await models.json()).data.map((m: { id: string }) => m.id)).toContain("openai-compatible:fake-main");

  const whole = await request.post("/v1/chat/completions", {
    headers: auth,
    data: { model: "openai-compatible:fake-main", messages: [{ role: "user", content: "hello from a script" }] },
  });
  expect(whole.status()).toBe(200);
  const completion = await whole.json();
  expect(completion.object).toBe("chat.completion");
  expect(completion.choices[0].message.content).toContain("hello from a script");

  const streamed = await request.post("/v1/chat/completions", {
    headers: auth,
    data: { model: "openai-compatible:fake-main", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "stream it" }] },
  });
  expect(streamed.headers()["content-type"]).toContain("text/event-stream");
  const events = (await streamed.text()).split("\n\n").filter(Boolean);
  expect(events.at(-1)).toBe("data: [DONE]");
  expect(events.some((e) => e.includes('"finish_reason":"stop"'))).toBe(true);

  await page.reload();
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: "Revoke…" }).click();
  await row.getByRole("button", { name: "Revoke ci job" }).click();
  await expect(row).toHaveCount(0);
  await snap(page, "profile-token-revoked");

  const revoked = await request.get("/v1/models", { headers: auth });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("token_revoked");
});
