import { describe, expect, it } from "vitest";
import { runHealthChecks } from "./health";

const meta = { version: "1.2.3", startedAt: Date.now() - 5_000 };

describe("runHealthChecks", () => {
  it("is ok when every check is ok", async () => {
    const report = await runHealthChecks({ db: { critical: true, run: async () => ({ status: "ok" }) } }, meta);
    expect(report).toMatchObject({ status: "ok", version: "1.2.3", checks: { db: { status: "ok", critical: true } } });
    expect(report.uptime_s).toBeGreaterThanOrEqual(5);
  });

  it("is degraded when a non-critical check fails and down when a critical one does", async () => {
    const ok = { critical: true, run: async () => ({ status: "ok" as const }) };
    const failing = async () => {
      throw new Error("connection refused");
    };
    const degraded = await runHealthChecks({ db: ok, redis: { critical: false, run: failing } }, meta);
    expect(degraded.status).toBe("degraded");
    expect(degraded.checks.redis).toMatchObject({ status: "down", detail: "connection refused" });
    const down = await runHealthChecks({ db: { critical: true, run: failing } }, meta);
    expect(down.status).toBe("down");
  });
});
