import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { resolvePrincipal } from "../auth/principal";
import { AppError, publicError } from "../errors/app-error";
import { handleMcpPost, MCP_AUTH_CHALLENGE, mcpMethodNotAllowed, requireBearerHeader } from "./http";
import type { McpDeps } from "./tool";

export const MCP_TEST_MAX_BODY_BYTES = 64 * 1024;

/**
 * /api/mcp as its route runs it (bearer token only, body cap, errors as JSON with a challenge on
 * 401), served over a real HTTP server so the SDK's own client and transport drive it.
 */
export async function serveMcp(deps: McpDeps): Promise<{ server: Server; url: URL }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const hungUp = new AbortController();
    res.on("close", () => hungUp.abort());
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      signal: hungUp.signal,
    });
    let response: Response;
    try {
      if (req.method !== "POST") {
        response = mcpMethodNotAllowed();
      } else {
        requireBearerHeader(request.headers);
        const principal = await resolvePrincipal(request.headers, { db: deps.db, sessionUser: async () => null });
        const raw = Buffer.concat(chunks);
        if (raw.byteLength > MCP_TEST_MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request is too large.");
        response = await handleMcpPost(deps, principal, request, JSON.parse(raw.toString("utf8")), "test");
      }
    } catch (err) {
      const { status, body } = publicError(err);
      response = Response.json(body, { status, headers: status === 401 ? { "www-authenticate": MCP_AUTH_CHALLENGE } : {} });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mcp`) };
}

/** The MCP SDK's client, connected with an API token as Claude Desktop or Cursor would send it. */
export async function connectMcpClient(url: URL, token: string): Promise<Client> {
  const client = new Client({ name: "mcp-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return client;
}
