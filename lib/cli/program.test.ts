import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { writeStoredLogin } from "./config-file";
import type { CliIo } from "./io";
import { runCli } from "./program";

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  requests: { method: string; url: URL; authorization: string | null; body: unknown }[];
}

/** Runs the CLI against routes "METHOD /path" answered in memory; an unknown route is a 404. */
async function run(args: string[], routes: Record<string, Handler> = {}, env: Partial<CliIo["env"]> = {}): Promise<Run> {
  const result: Run = { code: -1, stdout: "", stderr: "", requests: [] };
  const fakeFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? "GET";
    const headers = new Headers(init.headers);
    result.requests.push({ method, url, authorization: headers.get("authorization"), body: typeof init.body === "string" ? JSON.parse(init.body) : undefined });
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return Response.json({ error: { code: "NOT_FOUND", message: `No route ${method} ${url.pathname}.` } }, { status: 404 });
    return handler(url, init);
  }) as typeof fetch;
  const configFile = env.configFile ?? join(await mkdtemp(join(tmpdir(), "eca-cli-")), "eca", "config.json");
  const io: CliIo = {
    stdout: { write: (text: string) => (result.stdout += text) },
    stderr: { write: (text: string) => (result.stderr += text) },
    stdin: new PassThrough(),
    env: { configFile, ...env },
    fetch: fakeFetch,
  };
  result.code = await runCli(args, io);
  return result;
}

const auth = ["--url", "http://eca.test", "--token", "eca_flag"];
const usage = { from: "2026-11-07T00:00:00.000Z", to: "2026-12-07T00:00:00.000Z", turns: 2, inputTokens: 1200, outputTokens: 300, costUsd: null, byModel: [] };
const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) => () =>
  Response.json({ error: { code, message } }, { status, headers });

function sse(events: unknown[], chunkSize = 7): Response {
  const text = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("");
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < text.length; i += chunkSize) controller.enqueue(encoder.encode(text.slice(i, i + chunkSize)));
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

describe("arguments", () => {
  it("prints its version", async () => {
    const r = await run(["--version"]);
    expect([r.code, r.stdout.trim()]).toEqual([0, JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")).version]);
  });

  it("exits 1 on bad arguments and 0 on --help, before any request", async () => {
    for (const args of [[], ["search"], ["search", "x", "--limit", "0"], ["usage", "--from", "yesterday"], ["chat", "hi", "--bogus"], ["rooms", "pull", "only-room"], ["upload", "--timeout", "-3", "x"]]) {
      const r = await run([...auth, ...args]);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.requests).toEqual([]);
    }
    const help = await run(["rooms", "push", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--dry-run");
    expect(help.stdout).toContain("--token <token>");
    expect((await run(["--help"])).stdout).toContain("5  rate limited");
  });

  it("takes the server and token from flags, else the environment, else the stored login (never sent to another server)", async () => {
    const routes = { "GET /api/v1/usage": () => Response.json(usage) };
    const dir = await mkdtemp(join(tmpdir(), "eca-cli-"));
    const configFile = join(dir, "config.json");
    await writeStoredLogin(configFile, { url: "http://stored.test", token: "eca_stored" });

    const stored = await run(["usage"], routes, { configFile });
    expect([stored.code, stored.requests[0]?.url.host, stored.requests[0]?.authorization]).toEqual([0, "stored.test", "Bearer eca_stored"]);
    const fromEnv = await run(["usage"], routes, { configFile, url: "http://env.test", token: "eca_env" });
    expect([fromEnv.requests[0]?.url.host, fromEnv.requests[0]?.authorization]).toEqual(["env.test", "Bearer eca_env"]);
    const flags = await run([...auth, "usage"], routes, { configFile, url: "http://env.test", token: "eca_env" });
    expect([flags.requests[0]?.url.host, flags.requests[0]?.authorization]).toEqual(["eca.test", "Bearer eca_flag"]);
    const window = await run([...auth, "usage", "--from", "2026-11-01", "--to", "2026-11-30"], routes);
    expect(Object.fromEntries(window.requests[0]!.url.searchParams)).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" });
    const otherServer = await run(["--url", "http://other.test", "usage"], routes, { configFile });
    expect(otherServer.code).toBe(2);
    expect(otherServer.requests).toEqual([]);
    expect(otherServer.stderr).toContain("No API token for http://other.test");
  });
});

describe("exit codes and errors", () => {
  it("maps statuses to exit codes and prints the server's message without a stack trace", async () => {
    const cases: [Handler, number, string][] = [
      [error(401, "TOKEN_REVOKED", "This token was revoked."), 2, "This token was revoked."],
      [error(403, "INSUFFICIENT_SCOPE", 'This needs the "rooms:read" scope.'), 2, "rooms:read"],
      [error(404, "NOT_FOUND", "No such thing."), 3, "No such thing."],
      [error(429, "RATE_LIMITED", "Slow down.", { "retry-after": "120" }), 5, "Slow down. Retry after 120 s."],
      [error(400, "VALIDATION_FAILED", "from: bad date"), 1, "from: bad date"],
      [() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }), 4, "502 Bad Gateway"],
      [() => Response.json({ unexpected: true }), 4, "Unexpected answer"],
      [() => Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") })), 4, "Cannot reach http://eca.test: connect ECONNREFUSED"],
    ];
    for (const [handler, code, message] of cases) {
      const r = await run([...auth, "usage"], { "GET /api/v1/usage": handler });
      expect(r.code, message).toBe(code);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("sits out a short rate limit and retries", async () => {
    let calls = 0;
    const r = await run([...auth, "usage"], {
      "GET /api/v1/usage": () => (++calls < 3 ? error(429, "RATE_LIMITED", "Slow down.", { "retry-after": "0" })() : Response.json(usage)),
    });
    expect([r.code, calls]).toEqual([0, 3]);
    expect(r.stderr).toBe("Rate limited by http://eca.test; retrying in 0 s.\nRate limited by http://eca.test; retrying in 0 s.\n");
  });
});

describe("login", () => {
  it("checks the token with a call, then stores it 0600; a refused token is not stored", async () => {
    const configFile = join(await mkdtemp(join(tmpdir(), "eca-cli-")), "eca", "config.json");
    const refused = await run(["login", ...auth], { "GET /api/v1/usage": error(401, "TOKEN_INVALID", "Unknown token.") }, { configFile });
    expect(refused.code).toBe(2);
    await expect(stat(configFile)).rejects.toThrow();

    const ok = await run(["login", "--url", "http://eca.test/", "--token", "eca_good"], { "GET /api/v1/usage": () => Response.json(usage) }, { configFile });
    expect(ok.code).toBe(0);
    expect(JSON.parse(await readFile(configFile, "utf8"))).toEqual({ url: "http://eca.test", token: "eca_good" });
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);
    expect((await run(["logout"], {}, { configFile })).stdout).toContain("Logged out");
    await expect(stat(configFile)).rejects.toThrow();
  });
});

describe("chat", () => {
  const routes = (events: unknown[]): Record<string, Handler> => ({
    "POST /api/v1/conversations": () => Response.json({ id: "c1", title: null }, { status: 201 }),
    "POST /api/v1/conversations/c1/messages": () => sse(events),
  });
  const answer = [
    { type: "text", text: "Deploy with " },
    { type: "text", text: "npm start." },
    { type: "citations", citations: [{ documentId: "d1", documentName: "handbook.pdf", page: 3, heading: "Deploy", excerpt: "npm start" }] },
    { type: "done", messageId: "m1", model: "fake-main", usage: { inputTokens: 10, outputTokens: 4 } },
  ];

  it("streams the answer and numbers its sources; --no-knowledge and --model reach the request", async () => {
    const r = await run([...auth, "chat", "how", "to", "deploy?", "--model", "fake-main", "--no-knowledge"], routes(answer));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Deploy with npm start.\n\nSources:\n  [1] handbook.pdf, p. 3, § Deploy\n\nConversation c1 (continue with --conversation c1)\n");
    expect(r.requests[1]?.body).toEqual({ content: "how to deploy?", model: "fake-main", knowledge: false, stream: true });
  });

  it("continues a conversation with --conversation, which a room cannot go with", async () => {
    const r = await run([...auth, "chat", "and", "then?", "--conversation", "c1"], routes(answer));
    expect(r.code).toBe(0);
    expect(r.requests.map((q) => `${q.method} ${q.url.pathname}`)).toEqual(["POST /api/v1/conversations/c1/messages"]);
    const both = await run([...auth, "chat", "q", "--conversation", "c1", "--room", "r1"], routes(answer));
    expect([both.code, both.requests.length]).toEqual([1, 0]);
  });

  it("gives one JSON object with --json, and fails on an error event or a cut stream", async () => {
    const json = await run([...auth, "--json", "chat", "q"], routes(answer));
    expect(JSON.parse(json.stdout)).toMatchObject({ conversationId: "c1", messageId: "m1", answer: "Deploy with npm start.", citations: [{ page: 3 }] });
    const failed = await run([...auth, "chat", "q"], routes([{ type: "text", text: "Par" }, { type: "error", error: { code: "AI_PROVIDER_FAILED", message: "The model is down." } }]));
    expect([failed.code, failed.stderr]).toEqual([4, "eca: The model is down.\n"]);
    const cut = await run([...auth, "chat", "q"], routes([{ type: "text", text: "Par" }]));
    expect(cut.code).toBe(4);
    expect(cut.stderr).toContain("stopped before it was complete");
  });
});

describe("rooms", () => {
  it("resolves a room by exact name, and refuses an unknown or ambiguous one", async () => {
    const rooms = [
      { id: "r1", name: "Alpha", role: "owner" },
      { id: "r2", name: "Twin", role: "editor" },
      { id: "r3", name: "Twin", role: "viewer" },
    ];
    const routes: Record<string, Handler> = {
      "GET /api/v1/rooms": () => Response.json({ items: rooms, nextCursor: null }),
      "GET /api/v1/rooms/r1/files": () => Response.json({ items: [] }),
    };
    const dir = await mkdtemp(join(tmpdir(), "eca-push-"));
    expect((await run([...auth, "rooms", "push", dir, "Alpha", "--dry-run"], routes)).code).toBe(0);
    const missing = await run([...auth, "rooms", "push", dir, "alpha"], routes);
    expect([missing.code, missing.stderr]).toEqual([3, 'eca: None of your rooms has the id or name "alpha".\n']);
    const twins = await run([...auth, "rooms", "push", dir, "Twin"], routes);
    expect(twins.code).toBe(1);
    expect(twins.stderr).toContain("r2, r3");
  });

  it("pushes new and changed files, deletes with --delete, skips binaries, and fetches only same-sized files to compare", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eca-push-"));
    await writeFile(join(dir, "same.ts"), "same");
    await writeFile(join(dir, "changed.ts"), "changed locally");
    await writeFile(join(dir, "new.ts"), "new");
    await writeFile(join(dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const written: Record<string, unknown> = {};
    const routes: Record<string, Handler> = {
      "GET /api/v1/rooms": () => Response.json({ items: [{ id: "r1", name: "Alpha", role: "editor" }], nextCursor: null }),
      "GET /api/v1/rooms/r1/files": () =>
        Response.json({ items: [{ path: "same.ts", size: 4 }, { path: "changed.ts", size: 3 }, { path: "gone.ts", size: 1 }] }),
      "GET /api/v1/rooms/r1/files/same.ts": () => Response.json({ path: "same.ts", content: "same", language: "typescript" }),
      "PUT /api/v1/rooms/r1/files/changed.ts": (_url, init) => ((written["changed.ts"] = JSON.parse(String(init.body))), Response.json({ path: "changed.ts", created: false })),
      "PUT /api/v1/rooms/r1/files/new.ts": (_url, init) => ((written["new.ts"] = JSON.parse(String(init.body))), Response.json({ path: "new.ts", created: true })),
      "DELETE /api/v1/rooms/r1/files/gone.ts": () => new Response(null, { status: 204 }),
    };
    const dry = await run([...auth, "rooms", "push", dir, "Alpha", "--delete", "--dry-run"], routes);
    expect(dry.stdout).toBe("Dry run, nothing changed:\n~ changed.ts (updated)\n- gone.ts (deleted)\n+ new.ts (created)\n1 created, 1 updated, 1 deleted, 1 unchanged\n");
    expect(dry.stderr).toContain("! logo.png skipped: binary, not text");
    expect(dry.requests.filter((r) => r.method !== "GET")).toEqual([]);

    const pushed = await run([...auth, "rooms", "push", dir, "Alpha", "--delete"], routes);
    expect(pushed.code).toBe(0);
    expect(pushed.requests.map((r) => `${r.method} ${r.url.pathname}`).slice(2)).toEqual([
      "GET /api/v1/rooms/r1/files/same.ts",
      "PUT /api/v1/rooms/r1/files/changed.ts",
      "DELETE /api/v1/rooms/r1/files/gone.ts",
      "PUT /api/v1/rooms/r1/files/new.ts",
    ]);
    expect(written).toEqual({ "changed.ts": { content: "changed locally" }, "new.ts": { content: "new" } });

    routes["PUT /api/v1/rooms/r1/files/new.ts"] = error(413, "PAYLOAD_TOO_LARGE", "This file is too large to edit in a room.");
    const refused = await run([...auth, "rooms", "push", dir, "Alpha"], routes);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("eca: new.ts: This file is too large to edit in a room. (the files before it were pushed)\n");
  });
});
