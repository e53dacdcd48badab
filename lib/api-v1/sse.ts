/** One server-sent event carrying `value` as JSON: `data: <json>` and a blank line. */
export function sseEvent(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  // Proxies such as nginx would otherwise hold the events back until the answer ends.
  "x-accel-buffering": "no",
} as const;

/**
 * A stream of events that `produce` sends while it runs; it closes when `produce` settles. What
 * `produce` throws is logged by the caller's `onError`, whose event (if any) is sent last.
 */
export function sseStream<E>(produce: (send: (event: E) => void) => Promise<void>, onError: (err: unknown) => E | undefined): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let open = true;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: E) => {
        if (open) controller.enqueue(encoder.encode(sseEvent(event)));
      };
      try {
        await produce(send);
      } catch (err) {
        const last = onError(err);
        if (last !== undefined) send(last);
      }
      if (open) controller.close();
      open = false;
    },
    cancel() {
      open = false;
    },
  });
}
