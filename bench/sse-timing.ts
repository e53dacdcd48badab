// Timing helpers shared by the streaming benches (bench/chat, bench/api).

export interface Timing {
  ttftMs: number;
  totalMs: number;
  chunks: number;
  /** CPU the process spent until the first text chunk (client, our server and the fake provider share it). */
  ttftCpuMs: number;
}

/** CPU time since `since` (a process.cpuUsage() reading), in ms; steadier than wall time on a busy machine. */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Reads an SSE response, timing the first and last text chunk. `isText` tells text events apart. */
export async function timeSse(response: Response, started: number, cpu: NodeJS.CpuUsage, isText: (data: string) => boolean): Promise<Timing> {
  let ttftMs = -1;
  let ttftCpuMs = -1;
  let chunks = 0;
  let buffer = "";
  const decoder = new TextDecoder();
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const data = buffer.slice(0, end).replace(/^data: /, "");
      buffer = buffer.slice(end + 2);
      if (isText(data)) {
        chunks += 1;
        if (ttftMs < 0) {
          ttftMs = performance.now() - started;
          ttftCpuMs = cpuMsSince(cpu);
        }
      }
      end = buffer.indexOf("\n\n");
    }
  }
  return { ttftMs, totalMs: performance.now() - started, chunks, ttftCpuMs };
}

export const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
export const fmt = (n: number) => n.toFixed(2);

