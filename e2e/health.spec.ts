import { expect, test } from "@playwright/test";

test("health endpoint reports the database and the collab sidecar", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["x-request-id"]).toBeTruthy();
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = await response.json();
  expect(body).toMatchObject({
    status: "ok",
    version: expect.any(String),
    checks: { db: { status: "ok" }, collab: { status: "ok" } },
  });
  expect(body.uptime_s).toBeGreaterThanOrEqual(0);
});
