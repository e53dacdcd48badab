import { fileURLToPath } from "node:url";
import { launch, stopProcess, type Launched } from "./processes";
import type { ClientSpec, FromWorker, FromWorkerType, ToWorker, WorkerReport } from "./protocol";

const WORKER_ENTRY = fileURLToPath(new URL("./worker.ts", import.meta.url));

type Waiter = { type: FromWorkerType; resolve: (message: FromWorker) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

/** One client worker process, seen from the orchestrator. */
class WorkerHandle {
  private readonly inbox: FromWorker[] = [];
  private readonly waiters: Waiter[] = [];
  private failure: Error | null = null;

  constructor(readonly proc: Launched) {
    proc.child.on("message", (message: FromWorker) => {
      if (message.type === "error") return this.fail(new Error(`${proc.name}: ${message.message}`));
      const waiter = this.waiters.find((w) => w.type === message.type);
      if (!waiter) return void this.inbox.push(message);
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      clearTimeout(waiter.timer);
      waiter.resolve(message);
    });
    proc.child.once("exit", (code) => this.fail(new Error(`${proc.name} exited (${code}):\n${proc.output().slice(-4000)}`)));
  }

  send(message: ToWorker): void {
    if (this.failure) throw this.failure;
    this.proc.child.send(message);
  }

  next<T extends FromWorkerType>(type: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    const queued = this.inbox.findIndex((m) => m.type === type);
    if (queued >= 0) return Promise.resolve(this.inbox.splice(queued, 1)[0] as Extract<FromWorker, { type: T }>);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.proc.name}: no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = { type, resolve: (m) => resolve(m as Extract<FromWorker, { type: T }>), reject, timer };
      this.waiters.push(waiter);
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(err);
    }
  }
}

export interface ConnectOutcome {
  clients: number;
  failed: number;
  firstError: string | null;
  ms: number;
}

/** The load generator: a fixed number of worker processes, reused across scenarios. */
export class WorkerPool {
  private constructor(private readonly workers: WorkerHandle[]) {}

  static start(count: number, options: { cwd: string; cpus?: string }): WorkerPool {
    const workers = Array.from({ length: count }, (_, i) =>
      new WorkerHandle(
        launch(`client worker ${i + 1}`, {
          args: [WORKER_ENTRY],
          tsx: true,
          env: { ...process.env, NODE_ENV: "production" },
          cwd: options.cwd,
          cpus: options.cpus,
          ipc: true,
        }),
      ),
    );
    return new WorkerPool(workers);
  }

  get pids(): number[] {
    return this.workers.map((w) => w.proc.pid);
  }

  /** Spreads the clients round-robin (so a room's writer and readers sit in different processes) and connects them. */
  async connect(epochMs: number, clients: ClientSpec[], timeoutMs: number): Promise<ConnectOutcome> {
    const shares: ClientSpec[][] = this.workers.map(() => []);
    clients.forEach((client, i) => shares[i % shares.length]?.push(client));
    this.workers.forEach((worker, i) =>
      worker.send({ type: "init", epochMs, clients: shares[i] ?? [], connectConcurrency: 32, timeoutMs }),
    );
    const results = await Promise.all(this.workers.map((w) => w.next("connected", timeoutMs + 5_000)));
    return {
      clients: results.reduce((n, r) => n + r.clients, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      firstError: results.find((r) => r.firstError)?.firstError ?? null,
      ms: Math.max(...results.map((r) => r.ms)),
    };
  }

  async prepare(timeoutMs: number): Promise<void> {
    this.broadcast({ type: "prepare", timeoutMs });
    await Promise.all(this.workers.map((w) => w.next("ready", timeoutMs + 5_000)));
  }

  broadcast(message: ToWorker): void {
    for (const worker of this.workers) worker.send(message);
  }

  async reports(timeoutMs = 30_000): Promise<WorkerReport[]> {
    this.broadcast({ type: "report" });
    const results = await Promise.all(this.workers.map((w) => w.next("report", timeoutMs)));
    return results.map((r) => r.report);
  }

  /** Closes every client (the workers stay up for the next scenario). */
  async reset(timeoutMs = 30_000): Promise<void> {
    this.broadcast({ type: "reset" });
    await Promise.all(this.workers.map((w) => w.next("reset-done", timeoutMs)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => stopProcess(w.proc, 3_000)));
  }
}
