import { describe, expect, it } from "vitest";
import { sseData } from "./sse";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<string[]> {
  const events: string[] = [];
  for await (const data of sseData(streamOf(chunks))) events.push(data);
  return events;
}

describe("sseData", () => {
  it("yields each event's data however the bytes are split", async () => {
    const text = 'data: {"type":"text","text":"Hel"}\n\ndata: {"type":"text","text":"lo"}\n\n';
    const whole = await collect([text]);
    expect(whole).toEqual(['{"type":"text","text":"Hel"}', '{"type":"text","text":"lo"}']);
    expect(await collect(text.split(""))).toEqual(whole);
  });

  it("handles CRLF split between chunks, joins multi-line data and skips comments and other fields", async () => {
    expect(await collect([": keep-alive\r\nevent: x\r\ndata: a\r", "\ndata: b\r\n\r\n", "data:c"])).toEqual(["a\nb", "c"]);
  });
});
