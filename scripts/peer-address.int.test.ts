import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "../lib/net/client-address";

// A plain HTTP server in a child process started as the supervisor starts the web app (the preload
// in NODE_OPTIONS); it answers with the X-Forwarded-For its request handler sees.
const SERVER = `
const http = require("node:http");
const server = http.createServer((req, res) => res.end(String(req.headers["x-forwarded-for"])));
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

describe("scripts/peer-address.mjs", () => {
  let child: ChildProcess;
  let base: string;

  beforeAll(async () => {
    const preload = pathToFileURL(join(import.meta.dirname, "peer-address.mjs")).href;
    child = spawn(process.execPath, ["-e", SERVER], { env: { ...process.env, NODE_OPTIONS: `--import=${preload}` }, stdio: ["ignore", "pipe", "inherit"] });
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    base = `http://127.0.0.1:${line.toString().trim()}`;
  });
  afterAll(() => {
    child?.kill();
  });

  const seen = async (headers: Record<string, string> = {}) => (await fetch(base, { headers })).text();

  it("appends the socket's address, so a client's claim never ends the list", async () => {
    expect(await seen()).toBe("127.0.0.1");
    const spoofed = await seen({ "X-Forwarded-For": "9.9.9.9" });
    expect(spoofed).toBe("9.9.9.9, 127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": spoofed }, parseTrustedProxies(undefined))).toBe("127.0.0.1");
  });

  it("lets a trusted proxy's entry through, and only then", async () => {
    const viaProxy = await seen({ "X-Forwarded-For": "9.9.9.9, 198.51.100.7" });
    expect(clientAddress({ "x-forwarded-for": viaProxy }, parseTrustedProxies("127.0.0.1"))).toBe("198.51.100.7");
    expect(clientAddress({ "x-forwarded-for": viaProxy }, parseTrustedProxies(undefined))).toBe("127.0.0.1");
  });
});
