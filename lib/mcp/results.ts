import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { publicError } from "../errors/app-error";
import type { Logger } from "../observability/logger";
import type { ToolOutput } from "./tool";

// JSON-RPC code the MCP specification gives an unknown resource.
const RESOURCE_NOT_FOUND = -32002;
const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;

export function toolResult(output: ToolOutput): CallToolResult {
  const links = (output.links ?? []).map((link) => ({ type: "resource_link" as const, uri: link.uri, name: link.name, mimeType: "text/plain" }));
  return { content: [{ type: "text", text: output.text }, ...links], structuredContent: output.structured };
}

/**
 * A failed tool call as MCP wants it, a result with `isError` the model can read, carrying our
 * stable error body `{error: {code, message, details?}}`. Anything but an AppError is logged and
 * answered as INTERNAL, never with its message or stack.
 */
export function toolError(err: unknown, log: Logger): CallToolResult {
  const { status, body } = publicError(err);
  if (status >= 500 && body.error.code === "INTERNAL") log.error({ err }, "MCP tool failed");
  return { isError: true, content: [{ type: "text", text: JSON.stringify(body) }], structuredContent: { error: body.error } };
}

/**
 * What the SDK sends as a JSON-RPC error: its `code`, `message` and `data` as they are (the SDK's
 * McpError would prefix the message with the code a second time on the client).
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: unknown,
  ) {
    super(message);
  }
}

/** A failed protocol request (resources): a JSON-RPC error whose data is our error body. */
export function protocolError(err: unknown, log: Logger): ProtocolError {
  const { status, body } = publicError(err);
  if (status >= 500 && body.error.code === "INTERNAL") log.error({ err }, "MCP request failed");
  const code =
    body.error.code === "NOT_FOUND" ? RESOURCE_NOT_FOUND : body.error.code === "VALIDATION_FAILED" ? INVALID_PARAMS : status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
  return new ProtocolError(code, body.error.message, body);
}

/** tools/call of a tool that does not exist: a protocol error, as the specification has it. */
export function unknownToolError(name: string): ProtocolError {
  const message = `There is no tool named "${name.slice(0, 100)}".`;
  return new ProtocolError(INVALID_PARAMS, message, { error: { code: "NOT_FOUND", message } });
}
