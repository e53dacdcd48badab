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


/** One streamed OpenAI-style chat completion at `baseURL`, timed; the fake providers stream `tok<i>` chunks. */
export async function timeChatCompletion(baseURL: string, model: string, headers: Record<string, string>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await fetch(`${baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model, stream: true, messages: [{ role: "user", content: "Count for me" }] }),
  });
  if (!response.ok) throw new Error(`${baseURL}: HTTP ${response.status} ${await response.text()}`);
  return timeSse(response, started, cpu, (d) => d.includes('"content":"tok'));
}

/** Runs the anchor and ours one after the other `runs` times, after `warmup` concurrent pairs. */
export async function alternate(direct: () => Promise<Timing>, ours: () => Promise<Timing>, runs: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await Promise.all([direct(), ours()]);
  const directRuns: Timing[] = [];
  const ourRuns: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    directRuns.push(await direct());
    ourRuns.push(await ours());
  }
  return { directRuns, ourRuns };
}

/** A line of ttft and total percentiles. */
export const timingRow = (name: string, runs: Timing[], width = 10) =>
  `${name.padEnd(width)} ttft p50 ${fmt(pct(runs.map((r) => r.ttftMs), 50))} p95 ${fmt(pct(runs.map((r) => r.ttftMs), 95))} ms | total p50 ${fmt(pct(runs.map((r) => r.totalMs), 50))} p95 ${fmt(pct(runs.map((r) => r.totalMs), 95))} ms`;
