import { monitorEventLoopDelay } from "node:perf_hooks";
import { BenchClient, type Sink } from "./bench-client";
import { nowMs, sleep, sleepUntil } from "./clock";
import { Histogram } from "./histogram";
import type { ClientSpec, FromWorker, MeasureWindow, ToWorker, WorkerReport } from "./protocol";

/**
 * A load-generator process: hosts many BenchClients, driven by the orchestrator over IPC. One
 * worker serves every scenario of a run (clients are replaced between scenarios), so its start-up
 * cost is paid once.
 */
if (!process.send) throw new Error("worker.ts is started by bench/collab/run.ts (it needs an IPC channel)");
// Each y-websocket provider adds a process 'exit' listener; hundreds per process are expected here.
process.setMaxListeners(0);
process.on("disconnect", () => process.exit(0));

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let clients: BenchClient[] = [];
let sink = newSink(0);

function send(message: FromWorker): void {
  process.send?.(message);
}

interface WorkerSink extends Sink {
  histogram: Histogram;
  sentByRoom: Map<string, number>;
  received: number;
  negative: number;
  reconnects: number;
}

function newSink(epochMs: number): WorkerSink {
  const s: WorkerSink = {
    epochMs,
    window: null,
    histogram: new Histogram(),
    sentByRoom: new Map(),
    received: 0,
    negative: 0,
    reconnects: 0,
    sent(room) {
      s.sentByRoom.set(room, (s.sentByRoom.get(room) ?? 0) + 1);
    },
    delivered(sentAt, arrivedAt) {
      const window = s.window;
      if (!window || sentAt < window.start || sentAt >= window.end) return;
      const latency = arrivedAt - (s.epochMs + sentAt);
      if (latency < 0) s.negative++;
      s.received++;
      s.histogram.record(latency);
    },
    reconnected() {
      s.reconnects++;
    },
  };
  return s;
}

async function connectAll(specs: ClientSpec[], concurrency: number, timeoutMs: number): Promise<void> {
  const started = nowMs();
  clients = specs.map((spec) => new BenchClient(spec, sink));
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const lane = async () => {
    while (next < clients.length) {
      const client = clients[next++];
      if (!client) break;
      await client.connect(timeoutMs).catch((err: unknown) => {
        failed++;
        firstError ??= `${client.spec.name}: ${err instanceof Error ? err.message : String(err)}`;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  send({ type: "connected", clients: clients.length, failed, firstError, ms: nowMs() - started });
}

async function prepare(timeoutMs: number): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  while (!clients.every((client) => client.bindFile())) {
    if (nowMs() > deadline) throw new Error("the clients did not all receive the room's file");
    await sleep(20);
  }
  send({ type: "ready" });
}

async function start(window: MeasureWindow): Promise<void> {
  sink.window = window;
  for (const client of clients) client.startWriting();
  await sleepUntil(sink.epochMs + window.start);
  loopDelay.reset();
  loopDelay.enable();
  await sleepUntil(sink.epochMs + window.end);
  for (const client of clients) client.stopWriting();
  loopDelay.disable();
}

function report(): WorkerReport {
  return {
    histogram: sink.histogram.toJSON(),
    sentByRoom: Object.fromEntries(sink.sentByRoom),
    received: sink.received,
    negative: sink.negative,
    reconnects: sink.reconnects,
    disconnected: clients.filter((client) => !client.connected).length,
    loopDelayP99Ms: loopDelay.count ? loopDelay.percentile(99) / 1e6 : 0,
    loopDelayMaxMs: loopDelay.count ? loopDelay.max / 1e6 : 0,
  };
}

async function reset(): Promise<void> {
  for (const client of clients) client.destroy();
  clients = [];
  sink = newSink(0);
  // Let the close frames go out before the server is stopped.
  await sleep(200);
  send({ type: "reset-done" });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "init":
      sink = newSink(message.epochMs);
      return connectAll(message.clients, message.connectConcurrency, message.timeoutMs);
    case "prepare":
      return prepare(message.timeoutMs);
    case "start":
      return start(message.window);
    case "report":
      return send({ type: "report", report: report() });
    case "reset":
      return reset();
  }
}

process.on("message", (message: ToWorker) => {
  handle(message).catch((err: unknown) => send({ type: "error", message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});
