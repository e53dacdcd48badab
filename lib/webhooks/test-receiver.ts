import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status to answer the next request with (default 204). */
  respond: (status: (n: number) => number) => void;
  close: () => Promise<void>;
}

/** A local HTTP server that records every webhook it is sent and answers as the test tells it. */
export async function startTestReceiver(): Promise<TestReceiver> {
  const received: ReceivedWebhook[] = [];
  let statusOf: (n: number) => number = () => 204;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(statusOf(received.length)).end(statusOf(received.length) >= 400 ? "receiver is down" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respond: (fn) => {
      statusOf = fn;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
