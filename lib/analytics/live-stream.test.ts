import { describe, expect, it } from "vitest";
import { LiveConnections, liveStream } from "./live-stream";

describe("liveStream", () => {
  it("sends counters and heartbeats, and closes cleanly when the client leaves", async () => {
    const abort = new AbortController();
    let closed = 0;
    let n = 0;
    const stream = liveStream({ read: async () => ({ n: ++n }), signal: abort.signal, intervalMs: 20, heartbeatMs: 15, onClose: () => closed++ });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!/data: \{"n":2\}/.test(text) || !text.includes(": heartbeat")) {
      const { value } = await reader.read();
      text += decoder.decode(value);
    }
    expect(text.startsWith("retry: 5000\n\n")).toBe(true);
    expect(text).toContain('event: counters\ndata: {"n":1}\n\n');
    abort.abort();
    expect((await reader.read()).done).toBe(true);
    expect(closed).toBe(1);
  });

  it("limits open streams per user", () => {
    const live = new LiveConnections(2);
    expect([live.tryOpen("u"), live.tryOpen("u"), live.tryOpen("u"), live.tryOpen("v")]).toEqual([true, true, false, true]);
    live.release("u");
    expect(live.tryOpen("u")).toBe(true);
  });
});
