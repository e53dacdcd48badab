import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { resolveDeliveryTarget } from "./address-policy";
import { sendSignedWebhook } from "./send";

const message = { eventId: "msg_test", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", body: "{}", timestamp: new Date() };

describe("sending a signed webhook", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: Parameters<typeof createServer>[1]) {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return resolveDeliveryTarget(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { allowPrivate: true });
  }

  it("gives up on a receiver that does not answer within the timeout", async () => {
    const target = await serve(() => undefined);
    const result = await sendSignedWebhook(target, message, 300);
    expect(result).toMatchObject({ ok: false, responseCode: null, error: "no answer within 0.3 s" });
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("reads only the start of a large answer, and does not follow redirects", async () => {
    let target = await serve((_req, res) => {
      res.writeHead(500);
      res.end("x".repeat(5 * 1024 * 1024));
    });
    const big = await sendSignedWebhook(target, message, 5_000);
    expect(big).toMatchObject({ ok: false, responseCode: 500 });
    expect(big.error!.length).toBeLessThan(250);
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    target = await serve((_req, res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end());
    expect(await sendSignedWebhook(target, message, 5_000)).toMatchObject({ ok: false, responseCode: 302 });
  });
});
