export type CheckStatus = "ok" | "degraded" | "down";

export interface CheckResult {
  status: CheckStatus;
  latency_ms: number;
  /** Whether the product cannot serve without this dependency. */
  critical: boolean;
  detail?: string;
}

export type HealthCheck = () => Promise<Omit<CheckResult, "latency_ms" | "critical">>;

export interface HealthReport {
  status: CheckStatus;
  version: string;
  uptime_s: number;
  checks: Record<string, CheckResult>;
}

/**
 * Runs every check concurrently. Overall: down when a critical check is down, degraded when any
 * check is not ok, ok otherwise. A check that throws counts as down with its message.
 */
export async function runHealthChecks(
  checks: Record<string, { run: HealthCheck; critical: boolean }>,
  meta: { version: string; startedAt: number },
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, { run, critical }]) => {
      const started = performance.now();
      let result: Omit<CheckResult, "latency_ms" | "critical">;
      try {
        result = await run();
      } catch (err) {
        result = { status: "down", detail: err instanceof Error ? err.message : String(err) };
      }
      return [name, { ...result, critical, latency_ms: Math.round(performance.now() - started) }] as const;
    }),
  );
  const results = Object.fromEntries(entries);
  const values = Object.values(results);
  const status: CheckStatus = values.some((c) => c.critical && c.status === "down")
    ? "down"
    : values.some((c) => c.status !== "ok")
      ? "degraded"
      : "ok";
  return {
    status,
    version: meta.version,
    uptime_s: Math.round((Date.now() - meta.startedAt) / 1000),
    checks: results,
  };
}
