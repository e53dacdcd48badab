import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import { createMcpServer } from "./server";
import type { McpDeps } from "./tool";

/**
 * POST /api/mcp: one JSON-RPC message (or batch) answered statelessly. Each request gets its own
 * server and transport, so any web instance can answer any request and nothing outlives it.
 * Answers are JSON, not SSE: no tool here streams progress, and a JSON answer ends with the request.
 */
export async function handleMcpPost(deps: McpDeps, principal: Principal, req: Request, body: unknown, version: string): Promise<Response> {
  const server = createMcpServer(deps, principal, version);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  // A client that hangs up ends the request: closing the server aborts its tool calls (and their model calls).
  const gone = new Promise<Response>((resolve) => req.signal.addEventListener("abort", () => resolve(new Response(null, { status: 499 })), { once: true }));
  try {
    return await Promise.race([transport.handleRequest(req, { parsedBody: body }), gone]);
  } finally {
    await server.close();
  }
}

/**
 * GET and DELETE: a stateless server offers no stream to listen on and no session to end, which
 * the Streamable HTTP transport answers with 405.
 */
export function mcpMethodNotAllowed(): Response {
  return Response.json(
    { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: this MCP server is stateless; send requests with POST." }, id: null },
    { status: 405, headers: { allow: "POST" } },
  );
}

/** MCP clients authenticate with an API token only: a request without one never reaches the session cookie. */
export function requireBearerHeader(headers: Headers): void {
  if (!headers.has("authorization")) {
    throw new AppError("UNAUTHENTICATED", "Send an API token as `Authorization: Bearer <token>` (create one on your profile page).");
  }
}

/** What a 401 from /api/mcp asks for (RFC 6750), so clients know to send a bearer token. */
export const MCP_AUTH_CHALLENGE = 'Bearer realm="mcp"';
