import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { createRateLimiterFactory } from "../lib/rate-limit/factory";
import { admit } from "./admission";
import { CLOSE } from "./close-codes";
import type { Connection } from "./connection";
import { DocConnection } from "./doc-connection";
import { createEventHandler } from "./event-handlers";
import { EventsConnection } from "./events-connection";
import { localFanout, type Fanout } from "./fanout";
import { GroupAppender } from "./group-appender";
import { createHttpHandler } from "./http-routes";
import { applyMembershipChanges } from "./membership-watch";
import { sidecarMetrics } from "./metrics";
import { createRedisFanout } from "./redis-fanout";
import { createRoomOpsHandler } from "./room-ops-route";
import { RoomRegistry } from "./room-registry";
import { DEFAULT_TIMING, type SidecarOptions } from "./sidecar-options";
import { parseSocketRoute, type SocketRoute } from "./socket-route";
import { openJournal } from "./update-journal";
import { UsageTracker } from "./usage-tracker";
import { UserConnectionCounter } from "./user-connections";

export interface Sidecar {
  readonly port: number;
  readonly instanceId: string;
  stats(): { roomsLoaded: number; connections: number };
  isLoaded(roomId: string): boolean;
  /** Graceful stop: refuses new sockets, closes open ones (1012, clients reconnect), flushes every room. */
  close(): Promise<void>;
}

const MAX_QUEUED_MESSAGES = 500;
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const instanceId = randomUUID();
  const log = options.log.child({ instanceId });
  const { db } = options;
  const fanout: Fanout = options.redisUrl
    ? await createRedisFanout({ url: options.redisUrl, instanceId, channelPrefix: options.redisChannelPrefix ?? "eca:collab", log })
    : localFanout(instanceId);
  const usage = new UsageTracker(options.usage, log);
  const journal = options.journalDir ? await openJournal(options.journalDir, `sidecar-${options.port}`, db, log) : undefined;
  const registry = new RoomRegistry(
    {
      db,
      fanout,
      usage,
      log,
      appender: new GroupAppender(db),
      writer: { batchMs: timing.persistBatchMs, compactEvery: timing.compactEvery, journal },
    },
    { idleUnloadMs: timing.idleUnloadMs, checkpointEveryMs: timing.checkpointEveryMs },
    log,
  );
  fanout.onResync(() => registry.all().forEach((room) => room.requestPeerSync()));
  const rateLimits = createRateLimiterFactory({ redisUrl: options.redisUrl, log });
  const handleEvent = createEventHandler(db, {
    chat: rateLimits.create({ name: "room-chat-user", limit: options.limits.chatMessagesPerMinute ?? 30, windowMs: 60_000 }),
  });
  const userConnections = new UserConnectionCounter(options.limits.maxConnectionsPerUser);
  const connections = new Set<Connection>();
  const connectionLimits = {
    maxMessagesPerSecond: options.limits.maxMessagesPerSecond,
    maxQueuedMessages: MAX_QUEUED_MESSAGES,
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    maxRoomBytes: options.limits.maxRoomBytes,
  };
  let closing = false;

  const stats = () => ({ roomsLoaded: registry.size, connections: connections.size });
  const roomOps = createRoomOpsHandler({
    db,
    authSecret: options.authSecret,
    acquire: (roomId) => registry.acquire(roomId),
    isLoaded: (roomId) => registry.has(roomId),
    maxBodyBytes: options.limits.maxMessageBytes,
    maxRoomBytes: options.limits.maxRoomBytes,
    log,
  });
  const server = createServer(createHttpHandler({ db, fanout, version: options.version, startedAt: Date.now(), stats, log, roomOps }));
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxMessageBytes, perMessageDeflate: false });

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, req));
  });

  function onSocket(ws: WebSocket, req: IncomingMessage): void {
    const route = parseSocketRoute(req.url);
    const channel = route?.channel ?? "doc";
    const conn = channel === "events" ? new EventsConnection(ws, connectionLimits, log) : new DocConnection(ws, connectionLimits, log);
    connections.add(conn);
    sidecarMetrics.connections.inc({ channel });
    conn.onClose(() => {
      connections.delete(conn);
      sidecarMetrics.connections.dec({ channel });
    });
    if (closing) return conn.close(CLOSE.restarting, "server restarting", "shutdown");
    if (!route) return conn.close(CLOSE.badRequest, "unknown path", "bad_route");
    join(conn, route).catch((err) => {
      log.error({ err, roomId: route.roomId }, "could not admit a connection");
      conn.close(CLOSE.serverError, "server error, try again", "load_failed");
    });
  }

  async function join(conn: Connection, route: SocketRoute): Promise<void> {
    const admission = await admit(route, { db, authSecret: options.authSecret });
    if (conn.closed) return;
    if (!admission.ok) return conn.close(admission.code, admission.reason, admission.metric);
    const { identity } = admission;
    if (!userConnections.tryAcquire(identity.userId)) {
      return conn.close(CLOSE.rateLimited, "too many connections for this user", "too_many_connections");
    }
    conn.onClose(() => userConnections.release(identity.userId));
    let acquired;
    try {
      acquired = await registry.acquire(route.roomId);
    } catch {
      return conn.close(CLOSE.serverError, "room could not be loaded, try again", "load_failed");
    }
    try {
      if (conn.closed) return;
      if (conn instanceof DocConnection) conn.attach(identity, acquired.room);
      else if (conn instanceof EventsConnection) conn.attach(identity, acquired.room, (event, events) => handleEvent(event, events, acquired.room));
    } finally {
      acquired.release();
    }
  }

  const timers = [
    every(timing.membershipCheckMs, () => applyMembershipChanges(db, registry.all()), "membership check"),
    every(timing.heartbeatMs, async () => connections.forEach((conn) => conn.heartbeat()), "heartbeat"),
    every(timing.usageFlushMs, () => usage.flush(), "usage flush"),
    every(
      timing.presenceRefreshMs,
      async () => {
        registry.all().forEach((room) => room.publishPresence());
        await registry.checkpointDue();
      },
      "room maintenance",
    ),
  ];

  /** Runs a task periodically, never two runs of it at once; failures are logged. */
  function every(ms: number, task: () => Promise<void>, name: string): NodeJS.Timeout {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch((err) => log.warn({ err, task: name }, "periodic task failed"))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    return timer;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, redis: fanout.enabled }, "collab sidecar listening");

  return {
    port,
    instanceId,
    stats,
    isLoaded: (roomId) => registry.all().some((room) => room.id === roomId),
    async close() {
      if (closing) return;
      closing = true;
      timers.forEach((timer) => clearInterval(timer));
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const conn of connections) conn.close(CLOSE.restarting, "server restarting", "shutdown");
      await registry.closeAll();
      journal?.close();
      await usage.flush(true);
      await fanout.close();
      await rateLimits.close();
      wss.close();
      await stopped;
      log.info("collab sidecar stopped");
    },
  };
}
