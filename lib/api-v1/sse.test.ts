import { describe, expect, it } from "vitest";
import { sseEvent, sseStream } from "./sse";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("server-sent events", () => {
  it("writes one data line of JSON and a blank line per event", () => {
    expect(sseEvent({ type: "text", text: "a\nb" })).toBe('data: {"type":"text","text":"a\\nb"}\n\n');
  });

  it("sends events as they are produced, then the error event when production fails", async () => {
    const stream = sseStream<{ n: number }>(
      async (send) => {
        send({ n: 1 });
        send({ n: 2 });
        throw new Error("boom");
      },
      (err) => ({ n: (err as Error).message.length }),
    );
    expect(await readAll(stream)).toBe('data: {"n":1}\n\ndata: {"n":2}\n\ndata: {"n":4}\n\n');
  });

  it("drops events quietly once the reader went away", async () => {
    let finished = false;
    let release: () => void = () => undefined;
    const stream = sseStream<{ n: number }>(
      async (send) => {
        send({ n: 1 });
        await new Promise<void>((resolve) => (release = resolve));
        send({ n: 2 });
        finished = true;
      },
      () => undefined,
    );
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Sending after the cancel neither throws nor ends the producer early.
    expect(finished).toBe(true);
  });
});
