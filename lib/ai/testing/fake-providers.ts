import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Local HTTP servers that speak the providers' wire protocols, so tests drive the real AI SDK
 * clients: OpenAI Chat Completions SSE (also used by Ollama under /v1 and by OpenAI-compatible
 * servers), Anthropic Messages SSE, Ollama's /api/tags and the OpenAI-style /models listing.
 */
export type FakeProtocol = "openai" | "anthropic";

/** How the server answers one chat request. */
export type FakeReply =
  | { kind: "stream"; chunks: string[]; usage?: { input: number; output: number }; chunkDelayMs?: number }
  /** Calls function tools (OpenAI protocol only), each call's arguments streamed in two pieces. */
  | { kind: "tools"; calls: { id: string; name: string; arguments: string }[]; usage?: { input: number; output: number } }
  /** Sends `chunks`, then cuts the connection (a provider dying mid-answer). */
  | { kind: "break"; chunks: string[] }
  /** Sends `chunks`, then goes silent without closing. */
  | { kind: "hang"; chunks: string[] }
  /** Never answers at all, not even headers. */
  | { kind: "stall" }
  | { kind: "status"; status: number; headers?: Record<string, string>; message?: string };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
  /** True once the client went away before the reply was complete (e.g. it aborted). */
  closedEarly: boolean;
}

export interface FakeProviderServer {
  /** The base URL to configure: `…/v1` for OpenAI, Anthropic and OpenAI-compatible; the root for Ollama. */
  baseURL: string;
  origin: string;
  /** Every request received, chat and listing alike, in order. */
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  /** Queues replies for the next chat requests; once used up, `replyFor` and then `fallbackReply` answer. */
  reply(...replies: FakeReply[]): void;
  /** Chooses a reply from the request body (e.g. by model or question); undefined = `fallbackReply`. */
  replyFor?: (body: unknown) => FakeReply | undefined;
  fallbackReply: FakeReply;
  /** Answers GET /api/tags (Ollama) and GET /v1/models (OpenAI-compatible): model ids, an error status, or never. */
  listing: string[] | number | "stall";
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SseEvent {
  event?: string;
  data: unknown;
}

/** A streamed answer: what comes before the text, one event per text chunk, and the ending. */
interface StreamScript {
  head: SseEvent[];
  deltas: SseEvent[];
  tail: SseEvent[];
}

type Usage = { input: number; output: number } | undefined;

function writeEvents(res: ServerResponse, events: SseEvent[]) {
  for (const { event, data } of events) {
    res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
  }
}

type FakeToolCalls = Extract<FakeReply, { kind: "tools" }>["calls"];

function toolCallDeltas(calls: FakeToolCalls) {
  return calls.flatMap((call, index) => {
    const half = Math.ceil(call.arguments.length / 2);
    return [
      { index, id: call.id, type: "function", function: { name: call.name, arguments: call.arguments.slice(0, half) } },
      { index, function: { arguments: call.arguments.slice(half) } },
    ];
  });
}

function openAiScript(model: string, chunks: string[], usage: Usage, calls: FakeToolCalls = []): StreamScript {
  const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1_700_000_000, model };
  const usageChunk = usage && {
    ...base,
    choices: [],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
  return {
    head: [],
    deltas: [
      ...chunks.map((content, i) => ({
        data: { ...base, choices: [{ index: 0, delta: i === 0 ? { role: "assistant", content } : { content }, finish_reason: null }] },
      })),
      ...toolCallDeltas(calls).map((toolCall) => ({ data: { ...base, choices: [{ index: 0, delta: { tool_calls: [toolCall] }, finish_reason: null }] } })),
    ],
    tail: [
      { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: calls.length > 0 ? "tool_calls" : "stop" }] } },
      ...(usageChunk ? [{ data: usageChunk }] : []),
      { data: "[DONE]" },
    ],
  };
}

function anthropicScript(model: string, chunks: string[], usage: Usage): StreamScript {
  const message = { id: "msg_fake", type: "message", role: "assistant", content: [], model, stop_reason: null, stop_sequence: null };
  return {
    head: [
      { event: "message_start", data: { type: "message_start", message: { ...message, usage: { input_tokens: usage?.input ?? 0, output_tokens: 1 } } } },
      { event: "content_block_start", data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } } },
      { event: "ping", data: { type: "ping" } },
    ],
    deltas: chunks.map((text) => ({
      event: "content_block_delta",
      data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } },
    })),
    tail: [
      { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
      {
        event: "message_delta",
        data: { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage?.output ?? 0 } },
      },
      { event: "message_stop", data: { type: "message_stop" } },
    ],
  };
}

function errorBody(protocol: FakeProtocol, status: number, message: string) {
  if (protocol === "anthropic") {
    const type = status === 429 ? "rate_limit_error" : status === 401 ? "authentication_error" : status >= 500 ? "api_error" : "invalid_request_error";
    return { type: "error", error: { type, message } };
  }
  return { error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", code: null } };
}

async function answerChat(protocol: FakeProtocol, reply: FakeReply, body: { model?: string }, res: ServerResponse) {
  if (reply.kind === "stall") return;
  if (reply.kind === "status") {
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(errorBody(protocol, reply.status, reply.message ?? `fake ${reply.status}`)));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const usage = reply.kind === "stream" || reply.kind === "tools" ? reply.usage : undefined;
  const model = body.model ?? "fake-model";
  const script =
    reply.kind === "tools"
      ? openAiScript(model, [], usage, reply.calls)
      : (protocol === "anthropic" ? anthropicScript : openAiScript)(model, reply.chunks, usage);
  writeEvents(res, script.head);
  for (const delta of script.deltas) {
    if (res.destroyed) return;
    writeEvents(res, [delta]);
    // A pause lets each chunk reach the client on its own, as real streams do.
    await sleep(reply.kind === "stream" ? (reply.chunkDelayMs ?? 0) : reply.kind === "tools" ? 0 : 10);
  }
  if (reply.kind === "break") {
    res.socket?.destroy();
    return;
  }
  if (reply.kind === "hang") return;
  writeEvents(res, script.tail);
  res.end();
}

function answerListing(path: string, listing: FakeProviderServer["listing"], res: ServerResponse) {
  if (listing === "stall") return;
  if (typeof listing === "number") {
    res.writeHead(listing, { "content-type": "application/json" }).end(JSON.stringify({ error: "listing failed" }));
    return;
  }
  const payload =
    path === "/api/tags"
      ? { models: listing.map((name) => ({ name, model: name, size: 1, digest: "sha256:fake", details: { parameter_size: "8B" } })) }
      : { object: "list", data: listing.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })) };
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

/**
 * Starts a fake provider on 127.0.0.1 (a free port unless `port` is given). `ollama: true` serves the OpenAI protocol
 * under /v1 plus /api/tags, with baseURL being the server root as OLLAMA_BASE_URL expects.
 */
export async function startFakeProvider(
  protocol: FakeProtocol,
  options: { ollama?: boolean; port?: number } = {},
): Promise<FakeProviderServer> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const chatPath = protocol === "anthropic" ? "/v1/messages" : "/v1/chat/completions";

  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const record: RecordedRequest = { method: req.method ?? "GET", path, headers: req.headers, body: await readBody(req), closedEarly: false };
    requests.push(record);
    res.on("close", () => {
      if (!res.writableFinished) record.closedEarly = true;
    });
    if (req.method === "POST" && path === chatPath) {
      const reply = queue.shift() ?? fake.replyFor?.(record.body) ?? fake.fallbackReply;
      await answerChat(protocol, reply, (record.body ?? {}) as { model?: string }, res);
    } else if (req.method === "GET" && (path === "/api/tags" || path === "/v1/models")) {
      answerListing(path, fake.listing, res);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeProviderServer = {
    origin,
    baseURL: options.ollama ? origin : `${origin}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === chatPath),
    reply: (...replies) => queue.push(...replies),
    fallbackReply: { kind: "stream", chunks: ["ok"], usage: { input: 1, output: 1 } },
    listing: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
