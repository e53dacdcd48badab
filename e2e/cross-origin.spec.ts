import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createFile, createRoom, register, typeAtEnd, uniqueAccount } from "./helpers";

// A page on another port of the same host is same-site: the victim's SameSite=Lax cookies ride
// along on its requests. It must not be able to change anything. Pages carry a CSP that still lets
// Monaco, its workers, the collab sockets and the chat run.

/** Serves one HTML page that, when opened, posts to the app as a forging site would. */
async function attackerSite(appOrigin: string): Promise<{ server: Server; url: string }> {
  const html = `<!doctype html><script>
    const app = ${JSON.stringify(appOrigin)};
    const send = (path, body) => fetch(app + path, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body });
    Promise.allSettled([
      send("/api/knowledge/upload?name=attack.md", "# planted by another site"),
      send("/api/chat", JSON.stringify({ id: "forgedconversation", trigger: "submit-message", message: { id: "m1", role: "user", parts: [{ type: "text", text: "forged" }] } })),
    ]).then(() => { document.title = "sent"; });
  </script>`;
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Records CSP violations the page reports, from its first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCsp", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return violations;
}

test("cross-origin posts change nothing; same-origin ones work and need their content type", async ({ page, baseURL }) => {
  await register(page, uniqueAccount("Victim"));
  const attacker = await attackerSite(baseURL!);
  try {
    const refused = ["/api/knowledge/upload", "/api/chat"].map((path) =>
      page.waitForResponse((r) => r.url().startsWith(`${baseURL}${path}`) && r.request().method() === "POST"),
    );
    await page.goto(attacker.url);
    await expect(page).toHaveTitle("sent");
    for (const response of await Promise.all(refused)) expect(response.status()).toBe(403);
  } finally {
    attacker.server.close();
  }

  // Nothing was stored for the victim.
  const conversations = await (await page.request.get("/api/chat/conversations")).json();
  expect(conversations.items).toEqual([]);
  await page.goto("/knowledge");
  await expect(page.getByTestId("knowledge-dropzone")).toBeVisible();
  await expect(page.locator('[data-testid="document-row"][data-name="attack.md"]')).toHaveCount(0);

  // The app's own page: the upload's type is required, and with it the file is stored.
  const post = (type: string) =>
    page.evaluate(async (contentType) => {
      const res = await fetch("/api/knowledge/upload?name=own.md", { method: "POST", headers: { "content-type": contentType }, body: "# own notes" });
      return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
    }, type);
  expect(await post("text/plain")).toEqual({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
  expect(await post("application/octet-stream")).toEqual({ status: 201, code: undefined });
  await page.reload();
  await expect(page.locator('[data-testid="document-row"][data-name="own.md"]')).toBeVisible();

  const plainChat = await page.request.post("/api/chat", { headers: { "content-type": "text/plain" }, data: "{}" });
  expect(plainChat.status()).toBe(415);
});

test("a lone surrogate in a chat message is a 400, not a 500", async ({ page }) => {
  await register(page, uniqueAccount("Surrogate"));
  const response = await page.request.post("/api/chat", {
    data: { id: "surrogateconversation", trigger: "submit-message", message: { id: "m1", role: "user", parts: [{ type: "text", text: "broken \ud800 text" }] } },
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).error.code).toBe("VALIDATION_FAILED");
});

test("CSP: a room (Monaco, workers, collab sockets) and the chat run without violations", async ({ page }) => {
  const violations = await watchCsp(page);
  await register(page, uniqueAccount("Csp"));
  const response = await page.goto("/chat");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
  await page.getByLabel("Message", { exact: true }).fill("Please show code for the answer");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("assistant-message").first()).toContainText("Use it well.");

  // Off the chat page first: its "Rename …" buttons would also match the room form's "Name" label.
  await page.goto("/rooms");
  await createRoom(page, "Policy room");
  await createFile(page, "src/app.ts");
  await typeAtEnd(page, "const typed: number = 1;");
  await expect(page.locator(".monaco-editor .view-lines").first()).toContainText("const typed: number = 1;");
  // The JSON worker marks the syntax error; it runs only if the policy let the worker start.
  await createFile(page, "settings.json");
  await typeAtEnd(page, '{"a": 1,, }');
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeAttached({ timeout: 20_000 });
  expect(page.workers().length).toBeGreaterThan(0);
  mkdirSync("/tmp/shots", { recursive: true });
  await page.screenshot({ path: `/tmp/shots/csp-room-${test.info().project.name}.png`, fullPage: true });

  // Charts (canvas) and the live counters' event stream.
  await page.goto("/dashboard");
  await expect(page.getByTestId("panel-chat-usage").locator("canvas, table").first()).toBeVisible();
  await page.goto("/knowledge");
  await expect(page.getByTestId("knowledge-dropzone")).toBeVisible();
  expect(violations).toEqual([]);
});
