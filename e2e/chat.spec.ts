import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { register, signIn, signOut, uniqueAccount } from "./helpers";

// The app servers talk to e2e/fake-ai-server.ts (models fake-main and fake-backup): replies are
// chosen by keywords in the question ("code", "slow", "xss", "outage", "total failure").

async function ask(page: Page, text: string) {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

const answers = (page: Page) => page.getByTestId("assistant-message");

async function screenshot(page: Page, name: string) {
  mkdirSync("/tmp/shots", { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}-${test.info().project.name}.png` });
}

test("chat: stream, code block, model shown, stop, regenerate, edit, feedback", async ({ page }) => {
  await register(page, uniqueAccount("Chatter"));
  await page.getByRole("link", { name: "Chat", exact: true }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByLabel("Model")).toHaveValue("openai-compatible:fake-main");

  await ask(page, "Please show code for the answer");
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  const first = answers(page).first();
  await expect(first.locator(".code-block")).toContainText("export const answer = 42;");
  await expect(first).toContainText("Use it well.");
  await expect(first.getByTestId("answer-model")).toHaveText("openai-compatible:fake-main");
  await expect(first.getByRole("button", { name: "Copy" })).toBeVisible();
  // The conversation got a title from the first message and is listed.
  await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Please show code for the answer" })).toBeVisible();

  // Stop mid-way: the partial answer stays, also after a reload.
  await ask(page, "Count slow please");
  const second = answers(page).nth(1);
  await expect(second).toContainText("tick3");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(second.getByTestId("answer-stopped")).toHaveText("stopped");
  const partial = (await second.textContent()) ?? "";
  expect(partial).not.toContain("tick60");
  await screenshot(page, "chat-stopped");
  await page.reload();
  await expect(answers(page).nth(1)).toContainText("tick3");
  await expect(answers(page).nth(1).getByTestId("answer-stopped")).toHaveText("stopped");

  // Edit and resend the last message: the answer is replaced.
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit message").fill("Hello edited question");
  await page.getByRole("button", { name: "Save and resend" }).click();
  await expect(answers(page).nth(1)).toContainText("Hello edited question");
  await expect(page.getByTestId("user-message")).toHaveCount(2);
  await expect(page.getByText("tick3")).toHaveCount(0);

  // Regenerate: a new reply replaces the last one.
  const before = (await answers(page).nth(1).textContent()) ?? "";
  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect(answers(page).nth(1)).not.toHaveText(before);
  await expect(answers(page).nth(1)).toContainText("Hello edited question");
  await expect(answers(page)).toHaveCount(2);

  // Thumbs down with a comment, kept after a reload.
  const rated = answers(page).nth(1);
  await rated.getByRole("button", { name: "Bad answer" }).click();
  await rated.getByLabel("Feedback comment").fill("Too short");
  await rated.getByRole("button", { name: "Save", exact: true }).click();
  await expect(rated.getByText("Thanks for the feedback")).toBeVisible();
  await page.reload();
  await expect(rated.getByRole("button", { name: "Bad answer" })).toHaveAttribute("aria-pressed", "true");
  await expect(rated.getByTestId("feedback-comment")).toHaveText("Too short");
  await screenshot(page, "chat-thread");

  // The other thumb replaces the rating and starts a new comment; the final state survives a reload.
  await rated.getByRole("button", { name: "Good answer" }).click();
  await expect(rated.getByRole("button", { name: "Good answer" })).toHaveAttribute("aria-pressed", "true");
  await expect(rated.getByRole("button", { name: "Bad answer" })).toHaveAttribute("aria-pressed", "false");
  await expect(rated.getByLabel("Feedback comment")).toHaveValue("");
  await rated.getByLabel("Feedback comment").fill("Short but right");
  await rated.getByRole("button", { name: "Save", exact: true }).click();
  await expect(rated.getByText("Thanks for the feedback")).toBeVisible();
  await page.reload();
  await expect(rated.getByRole("button", { name: "Good answer" })).toHaveAttribute("aria-pressed", "true");
  await expect(rated.getByRole("button", { name: "Bad answer" })).toHaveAttribute("aria-pressed", "false");
  await expect(rated.getByTestId("feedback-comment")).toHaveText("Short but right");
  await screenshot(page, "chat-feedback");

  // The comment is editable after the reload; Esc closes the form and keeps the saved comment.
  await rated.getByRole("button", { name: "Edit comment" }).click();
  await expect(rated.getByLabel("Feedback comment")).toHaveValue("Short but right");
  await rated.getByLabel("Feedback comment").fill("Short, right and clear");
  await rated.getByLabel("Feedback comment").press("Escape");
  await expect(rated.getByLabel("Feedback comment")).toHaveCount(0);
  await expect(rated.getByTestId("feedback-comment")).toHaveText("Short but right");
  await rated.getByRole("button", { name: "Edit comment" }).click();
  await rated.getByLabel("Feedback comment").fill("Short, right and clear");
  await rated.getByRole("button", { name: "Save", exact: true }).click();
  await expect(rated.getByTestId("feedback-comment")).toHaveText("Short, right and clear");
  await page.reload();
  await expect(rated.getByTestId("feedback-comment")).toHaveText("Short, right and clear");
  await expect(rated.getByRole("button", { name: "Good answer" })).toHaveAttribute("aria-pressed", "true");
});

test("chat: rename, search, delete, and nobody reads another user's chat", async ({ page }) => {
  const owner = uniqueAccount("Owner");
  await register(page, owner);
  await page.goto("/chat");
  await ask(page, "Tell me about Kubernetes pods");
  await expect(answers(page).first()).toContainText("Kubernetes pods");
  const url = page.url();
  await page.getByRole("link", { name: "Start a new chat" }).click();
  await ask(page, "Something about cooking");
  await expect(answers(page).first()).toContainText("cooking");

  const list = page.getByRole("navigation", { name: "Conversations" });
  await list.getByRole("button", { name: "Rename Something about cooking" }).click();
  await list.getByLabel("Conversation title").fill("Recipes");
  await list.getByRole("button", { name: "Save" }).click();
  await expect(list.getByRole("link", { name: "Recipes" })).toBeVisible();

  // Search finds message content regardless of case.
  await list.getByLabel("Search conversations").fill("KUBERNETES");
  await expect(list.getByRole("link")).toHaveText(["+ New chat", "Tell me about Kubernetes pods"]);
  await list.getByLabel("Search conversations").fill("");
  await expect(list.getByRole("link", { name: "Recipes" })).toBeVisible();

  // Another user gets a 404 for the owner's chat and never sees its content.
  await signOut(page);
  await register(page, uniqueAccount("Intruder"));
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Kubernetes pods")).toHaveCount(0);
  const api = await page.request.post("/api/chat", {
    data: { id: url.split("/").pop(), trigger: "regenerate-message", model: "openai-compatible:fake-main" },
  });
  expect(api.status()).toBe(404);
  await signOut(page);

  // Delete a chat that is not open: the open one stays.
  await signIn(page, owner);
  await page.goto(url);
  page.once("dialog", (dialog) => void dialog.accept());
  await list.getByRole("button", { name: "Delete Recipes" }).click();
  await expect(list.getByRole("link", { name: "Recipes" })).toHaveCount(0);
  await expect(page.getByTestId("user-message")).toContainText(["Tell me about Kubernetes pods"]);

  // Delete the open chat: the page leaves it for a new, empty chat that works.
  page.once("dialog", (dialog) => void dialog.accept());
  await list.getByRole("button", { name: "Delete Tell me about Kubernetes pods" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByTestId("user-message")).toHaveCount(0);
  await expect(page.getByText("Ask anything about your code.")).toBeVisible();
  await ask(page, "A question after deleting");
  await expect(answers(page).first()).toContainText("A question after deleting");
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);

  // The same for a chat started on this page (its address was set without a navigation).
  page.once("dialog", (dialog) => void dialog.accept());
  await list.getByRole("button", { name: "Delete A question after deleting" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByTestId("user-message")).toHaveCount(0);
  await expect(list.getByText("No chats yet.")).toBeVisible();
  await ask(page, "Starting again");
  await expect(answers(page).first()).toContainText("Starting again");
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveCount(0);
});

test("chat: titles keep code identifiers or come from the model; the list shows long titles, in full on hover", async ({ page }) => {
  await register(page, uniqueAccount("Titles"));
  await page.goto("/chat");
  await ask(page, "What is `ASN1_MAX_NAME_SIZE` used for in OpenSSL?");
  await expect(answers(page).first()).toContainText("ASN1_MAX_NAME_SIZE");
  const title = "What is ASN1_MAX_NAME_SIZE used for in OpenSSL?";
  const list = page.getByRole("navigation", { name: "Conversations" });
  const link = list.getByRole("link", { name: title });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("title", title);
  // How many characters of the title fit in the row at 1366 px (the rest is cut with an ellipsis).
  const fitting = await link.evaluate((el) => {
    const style = getComputedStyle(el);
    const context = document.createElement("canvas").getContext("2d");
    if (!context) return 0;
    context.font = style.font;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const text = el.textContent ?? "";
    let n = 0;
    while (n < text.length && context.measureText(text.slice(0, n + 1)).width <= room) n += 1;
    return n;
  });
  expect(fitting).toBeGreaterThanOrEqual(24);
  await link.hover();
  await screenshot(page, "chat-list");

  // The model (configured here) titles a new chat in the background after its first answer.
  await page.getByRole("link", { name: "Start a new chat" }).click();
  await ask(page, "Please name this chat for me");
  await expect(answers(page).first()).toContainText("Please name this chat for me");
  await expect(list.getByRole("link", { name: "Named by the model", exact: true })).toBeVisible();
  await expect(list.getByRole("link", { name: title })).toBeVisible();
});

test("chat: a model's HTML is shown as text and never runs", async ({ page }) => {
  await register(page, uniqueAccount("Safe"));
  await page.goto("/chat");
  await ask(page, "xss test");
  const answer = answers(page).first();
  await expect(answer).toContainText("are shown as text only.");
  await expect(answer).toContainText("<script>");
  expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
  await expect(answer.locator("script, img")).toHaveCount(0);
  const link = answer.getByRole("link", { name: "a link" });
  if ((await link.count()) > 0) expect(await link.getAttribute("href")).not.toMatch(/^javascript:/i);
});

test("chat: provider failure mid-answer continues on the fallback; total failure shows one error with retry", async ({ page }) => {
  await register(page, uniqueAccount("Resilient"));
  await page.goto("/chat");
  await ask(page, "outage drill");
  const answer = answers(page).first();
  await expect(answer).toContainText("Partial answer from main,");
  await expect(answer).toContainText("and the backup model finished the answer.");
  await expect(answer.getByTestId("answer-model")).toHaveText("openai-compatible:fake-backup");

  await ask(page, "total failure drill");
  // (Next.js keeps an empty role=alert route announcer on every page: look at ours only.)
  const alert = page.getByRole("alert").filter({ hasText: /./ });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText("could not answer");
  await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await screenshot(page, "chat-error");
  // Retrying the same question fails the same way, cleanly, without duplicating the question.
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(alert).toHaveCount(1);
  await expect(page.getByTestId("user-message")).toHaveCount(2);
});
