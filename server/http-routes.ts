import type { IncomingMessage, ServerResponse } from "node:http";
import { pingDb, type Db } from "../lib/db/client";
import { runHealthChecks, type HealthCheck } from "../lib/observability/health";
import type { Logger } from "../lib/observability/logger";
import { metricsRegistry } from "../lib/observability/metrics";
import type { Fanout } from "./fanout";
import { roomOpsPath } from "./room-ops-route";

export interface HttpDeps {
  db: Db;
  fanout: Fanout;
  version: string;
  startedAt: number;
  stats: () => { roomsLoaded: number; connections: number };
  log: Logger;
  /** `POST /rooms/<roomId>/ops` (room-ops-route.ts). */
  roomOps: (req: IncomingMessage, res: ServerResponse, roomId: string) => Promise<void>;
}

/**
 * The sidecar's plain HTTP side: `GET /health` (JSON), `GET /metrics` (Prometheus text) and
 * `POST /rooms/<roomId>/ops` (changes to a live room asked for by the web app).
 */
export function createHttpHandler(deps: HttpDeps) {
  const dbCheck: HealthCheck = async () => {
    try {
      await pingDb(deps.db, 2000);
      return { status: "ok" };
    } catch (err) {
      deps.log.warn({ err }, "health: database check failed");
      return { status: "down", detail: "database unreachable" };
    }
  };
  const redisCheck: HealthCheck = async () =>
    deps.fanout.healthy() ? { status: "ok" } : { status: "degraded", detail: "redis unreachable: rooms are not shared with other sidecars" };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      const opsRoom = roomOpsPath(path ?? "");
      if (opsRoom !== null && req.method === "POST") return await deps.roomOps(req, res, opsRoom);
      if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed\n");
      if (path === "/health") {
        const checks = { db: { critical: true, run: dbCheck }, ...(deps.fanout.enabled && { redis: { critical: false, run: redisCheck } }) };
        const report = await runHealthChecks(checks, { version: deps.version, startedAt: deps.startedAt });
        const stats = deps.stats();
        const body = { ...report, rooms_loaded: stats.roomsLoaded, connections: stats.connections };
        return send(res, report.status === "down" ? 503 : 200, "application/json", JSON.stringify(body));
      }
      if (path === "/metrics") return send(res, 200, metricsRegistry.contentType, await metricsRegistry.metrics());
      return send(res, 404, "text/plain", "not found\n");
    } catch (err) {
      deps.log.error({ err, path }, "http request failed");
      return send(res, 500, "text/plain", "internal error\n");
    }
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  res.end(body);
}
