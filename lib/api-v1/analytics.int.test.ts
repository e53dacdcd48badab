import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRollup } from "../analytics/rollup";
import { recordUsageEvents, usageEvent } from "../analytics/usage-events";
import { sessionPrincipal } from "../auth/principal";
import type { SessionUser } from "../auth/roles";
import { createTestDatabase, testProviders, type TestDatabase } from "../db/test-database";
import { chartEndpoint, usageEndpoint, type AnalyticsDeps } from "./analytics-endpoints";
import { apiTestUser, tokenPrincipal } from "./testing";

const HOUR = 3_600_000;

describe.each(testProviders())("REST v1 analytics and usage on %s", (provider) => {
  let t: TestDatabase;
  let deps: AnalyticsDeps;
  let ada: SessionUser;
  let bob: SessionUser;
  let admin: SessionUser;

  const code = (promise: Promise<unknown>) => promise.then(() => "ok", (err: { code?: string }) => err.code);
  function turn(user: SessionUser, model: string, inputTokens: number, outputTokens: number, costUsd: number, hoursAgo: number) {
    const data = { conversationId: null, inputTokens, outputTokens, costUsd, ttftMs: 100, totalMs: 400, error: null };
    return { ...usageEvent("chat.turn", { userId: user.id, model }, data), createdAt: new Date(Date.now() - hoursAgo * HOUR) };
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = { db: t.db, retentionDays: 400 };
    [ada, bob, admin] = await Promise.all([apiTestUser(t.db, "Ada"), apiTestUser(t.db, "Bob"), apiTestUser(t.db, "Root", "admin")]);
    await recordUsageEvents(t.db, [
      turn(ada, "openai:gpt-4o-mini", 100, 20, 0.001, 2),
      turn(ada, "openai:gpt-4o-mini", 50, 10, 0.0005, 30),
      turn(ada, "anthropic:claude-haiku", 10, 5, 0.002, 3),
      turn(ada, "openai:gpt-4o-mini", 999, 999, 1, 24 * 40),
      turn(bob, "openai:gpt-4o-mini", 7000, 7000, 5, 2),
    ]);
    await runRollup(t.db);
  });
  afterAll(() => t?.dispose());

  it("sums the caller's own usage per model in the window, with any scope", async () => {
    const p = await tokenPrincipal(t.db, ada, ["rooms:read"]);
    const usage = await usageEndpoint(deps, p, {});
    expect(usage).toMatchObject({ turns: 3, inputTokens: 160, outputTokens: 35, costUsd: 0.0035 });
    expect(usage.byModel).toEqual([
      { model: "anthropic:claude-haiku", turns: 1, inputTokens: 10, outputTokens: 5, costUsd: 0.002 },
      { model: "openai:gpt-4o-mini", turns: 2, inputTokens: 150, outputTokens: 30, costUsd: 0.0015 },
    ]);
    expect(new Date(usage.to).getTime() - new Date(usage.from).getTime()).toBeGreaterThanOrEqual(30 * 24 * HOUR);
    expect(new Date(usage.from).getUTCMinutes()).toBe(0);

    const lastDay = await usageEndpoint(deps, p, { from: new Date(Date.now() - 24 * HOUR).toISOString() });
    expect(lastDay).toMatchObject({ turns: 2, inputTokens: 110 });
    const longAgo = await usageEndpoint(deps, p, { from: new Date(Date.now() - 60 * 24 * HOUR).toISOString(), to: new Date(Date.now() - 35 * 24 * HOUR).toISOString() });
    expect(longAgo).toMatchObject({ turns: 1, inputTokens: 999 });
    // An admin's usage is their own too, not the team's.
    expect((await usageEndpoint(deps, sessionPrincipal(admin), {})).turns).toBe(0);
    expect(await code(usageEndpoint(deps, p, { from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toBe("VALIDATION_FAILED");
    expect(await code(usageEndpoint(deps, p, { from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toBe("VALIDATION_FAILED");
  });

  it("answers each dashboard chart as JSON or CSV within the caller's scope", async () => {
    const p = await tokenPrincipal(t.db, ada, ["analytics:read"]);
    const chart = await chartEndpoint(deps, p, "latency", { range: "7d" });
    expect(chart.format).toBe("json");
    const rows = chart.format === "json" ? (chart.body.rows as { model: string; turns: number }[]) : [];
    expect(rows.map((r) => [r.model, r.turns])).toEqual([["anthropic:claude-haiku", 1], ["openai:gpt-4o-mini", 2]]);

    const csv = await chartEndpoint(deps, p, "chat-usage", { range: "7d", format: "csv" });
    expect(csv).toMatchObject({ format: "csv", filename: expect.stringMatching(/^chat-usage-\d{4}-\d\d-\d\d\.csv$/) });
    const lines = csv.format === "csv" ? csv.csv.trim().split("\r\n") : [];
    expect(lines[0]).toBe("bucket_start_utc,model,turns,input_tokens,output_tokens,cost_usd");
    expect(lines.slice(1).every((line) => !line.includes("7000"))).toBe(true);

    const team = await chartEndpoint(deps, await tokenPrincipal(t.db, admin, ["analytics:read"]), "latency", { range: "7d" });
    const teamRows = team.format === "json" ? (team.body.rows as { model: string; turns: number }[]) : [];
    expect(teamRows.find((r) => r.model === "openai:gpt-4o-mini")?.turns).toBe(3);
  });

  it("refuses a missing scope, an unknown chart and another member's activity", async () => {
    expect(await code(chartEndpoint(deps, await tokenPrincipal(t.db, ada, ["chat"]), "latency", {}))).toBe("INSUFFICIENT_SCOPE");
    const p = await tokenPrincipal(t.db, ada, ["analytics:read"]);
    expect(await code(chartEndpoint(deps, p, "secrets", {}))).toBe("NOT_FOUND");
    expect(await code(chartEndpoint(deps, p, "latency", { format: "xml" }))).toBe("VALIDATION_FAILED");
    expect(await code(chartEndpoint(deps, p, "latency", { scope: "user", id: bob.id }))).toBe("FORBIDDEN");
  });
});
