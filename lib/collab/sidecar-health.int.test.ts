import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { collabSidecarCheck } from "./sidecar-health";

let server: Server | undefined;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("collabSidecarCheck", () => {
  it("passes on the sidecar's own status", async () => {
    const url = await serve((_req, res) => res.end(JSON.stringify({ status: "ok", rooms: 0 })));
    expect(await collabSidecarCheck(url)()).toEqual({ status: "ok" });
  });

  it("is down when nothing answers in time or the answer is not a health report", async () => {
    const silent = await serve(() => undefined);
    expect(await collabSidecarCheck(silent, 200)()).toMatchObject({ status: "down", detail: "collab sidecar unreachable" });
    await new Promise((resolve) => server?.close(resolve));
    server?.closeAllConnections();
    const odd = await serve((_req, res) => res.end("[]"));
    expect((await collabSidecarCheck(odd)()).status).toBe("down");
  });
});
