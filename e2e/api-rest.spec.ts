import { expect, test } from "@playwright/test";
import { register, snap, uniqueAccount } from "./helpers";

// The `request` fixture carries no browser cookies: only the token speaks for the user.
test("rest api: a token streams an answer that shows in /chat; /api/docs lists the endpoints", async ({ page, request }) => {
  await register(page, uniqueAccount("Restful"));
  await page.goto("/profile");
  await page.getByLabel("Name").fill("rest script");
  await page.getByRole("checkbox", { name: "chat", exact: true }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-value").textContent()) ?? "";
  const headers = { authorization: `Bearer ${secret}` };

  const created = await request.post("/api/v1/conversations", { headers, data: { title: "Asked through the API" } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const streamed = await request.post(`/api/v1/conversations/${id}/messages`, { headers, data: { content: "hello from the REST API", stream: true } });
  expect(streamed.headers()["content-type"]).toContain("text/event-stream");
  const events = (await streamed.text())
    .split("\n\n")
    .filter(Boolean)
    .map((block) => JSON.parse(block.replace(/^data: /, "")));
  expect(events.map((e) => e.type).slice(-2)).toEqual(["citations", "done"]);
  const answer = events.filter((e) => e.type === "text").map((e) => e.text).join("");
  expect(answer).toContain("hello from the REST API");
  expect(events.at(-1)).toMatchObject({ model: "openai-compatible:fake-main", usage: { inputTokens: 20, outputTokens: 10 } });

  // A token lacking a scope is refused with the typed error.
  const forbidden = await request.get("/api/v1/knowledge/documents", { headers });
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.code).toBe("INSUFFICIENT_SCOPE");

  await page.goto("/chat");
  const list = page.getByRole("navigation", { name: "Conversations" });
  await list.getByRole("link", { name: "Asked through the API" }).click();
  await expect(page.getByTestId("assistant-message").first()).toContainText(answer);

  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") violations.push(message.text());
  });
  await page.goto("/api/docs");
  await expect(page.getByText("Elite Coding Assistant API")).toBeVisible();
  await expect(page.locator(".opblock-summary-path", { hasText: /^\/api\/v1\/conversations\/\{id\}\/messages$/ })).toBeVisible();
  await expect(page.locator(".opblock-summary-path", { hasText: /^\/api\/v1\/knowledge\/search$/ })).toBeVisible();
  await snap(page, "api-docs");
  expect(violations).toEqual([]);
  const spec = await request.get("/api/v1/openapi.json");
  expect((await spec.json()).openapi).toBe("3.1.0");
});
