/**
 * A server-sent-events stream of live counters: one `counters` event every `intervalMs`, a comment
 * heartbeat in between so proxies keep the connection, and a clean close after `maxLifetimeMs`
 * (the browser's EventSource reconnects) or when the client goes away. Per-user connection limits
 * live in `LiveConnections`.
 */
export interface LiveStreamOptions<T> {
  read: () => Promise<T>;
  signal: AbortSignal;
  intervalMs?: number;
  heartbeatMs?: number;
  maxLifetimeMs?: number;
  onClose?: () => void;
  onError?: (err: unknown) => void;
}

export function liveStream<T>(options: LiveStreamOptions<T>): ReadableStream<Uint8Array> {
  const { read, signal, intervalMs = 5_000, heartbeatMs = 15_000, maxLifetimeMs = 10 * 60_000 } = options;
  const encoder = new TextEncoder();
  const timers: NodeJS.Timeout[] = [];
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        timers.forEach((t) => clearInterval(t));
        signal.removeEventListener("abort", close);
        options.onClose?.();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const push = async () => {
        try {
          send(`event: counters\ndata: ${JSON.stringify(await read())}\n\n`);
        } catch (err) {
          options.onError?.(err);
        }
      };
      send("retry: 5000\n\n");
      void push();
      timers.push(setInterval(() => void push(), intervalMs));
      timers.push(setInterval(() => send(": heartbeat\n\n"), heartbeatMs));
      timers.push(setTimeout(() => { send("event: bye\ndata: {}\n\n"); close(); }, maxLifetimeMs));
      signal.addEventListener("abort", close);
    },
    cancel() {
      closed = true;
      timers.forEach((t) => clearInterval(t));
      options.onClose?.();
    },
  });
}

/** Counts open streams per user so one user cannot hold the server's connections. */
export class LiveConnections {
  private readonly open = new Map<string, number>();
  constructor(private readonly perUser: number) {}
  tryOpen(userId: string): boolean {
    const n = this.open.get(userId) ?? 0;
    if (n >= this.perUser) return false;
    this.open.set(userId, n + 1);
    return true;
  }
  release(userId: string): void {
    const n = (this.open.get(userId) ?? 1) - 1;
    if (n <= 0) this.open.delete(userId);
    else this.open.set(userId, n);
  }
}
