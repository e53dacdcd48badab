import { expect, test } from "@playwright/test";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { projectDb } from "./analytics-db";
import { createRoom, register, snap, uniqueAccount } from "./helpers";

test("webhooks: an admin registers an endpoint, a saved version is delivered signed, Redeliver sends it again", async ({ page }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  try {
    const admin = uniqueAccount("Wendy");
    await register(page, admin);
    const db = await projectDb();
    await db.user.update({ where: { email: admin.email }, data: { role: "admin" } });
    await db.$disconnect();
    const roomPath = await createRoom(page, "Webhook room");

    await page.goto("/admin");
    const panel = page.getByRole("region", { name: "Webhooks" });
    await panel.getByLabel("Endpoint URL").fill(url);
    await panel.getByRole("checkbox", { name: "room.version.saved" }).check();
    await panel.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await panel.getByTestId("webhook-secret-value").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    await snap(page, "webhooks-admin-created");

    await page.goto(roomPath);
    // Versions are saved through the room's live connection.
    await expect(page.getByTestId("connection-status")).toHaveText("Live", { timeout: 20_000 });
    await page.getByRole("tab", { name: "History" }).click();
    await page.getByLabel("Version label").fill("release 1");
    await page.getByRole("button", { name: "Save version" }).click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const first = received[0]!;
    const payload = new Webhook(secret).verify(first.body, first.headers as Record<string, string>) as { type: string; data: { label: string } };
    expect(payload).toMatchObject({ type: "room.version.saved", data: { label: "release 1" } });

    await page.goto("/admin");
    const endpoint = panel.getByRole("article", { name: `Webhook ${url}` });
    await expect(endpoint.locator('tr[data-delivery-status="succeeded"]')).toHaveCount(1);
    await expect(endpoint.locator("tbody tr").first()).toContainText("200");
    await snap(page, "webhooks-admin-delivered");

    await endpoint.getByRole("button", { name: "Redeliver" }).click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    expect(received[1]!.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    await expect(endpoint.locator('tr[data-delivery-status="succeeded"]')).toHaveCount(2, { timeout: 15_000 });
    await snap(page, "webhooks-admin-redelivered");

    // The room's owner manages the room's own endpoints on its settings page.
    await page.goto(`${roomPath}/members`);
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    await snap(page, "webhooks-room-settings");
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
