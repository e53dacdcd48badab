import type { z } from "zod";
import type { Principal } from "../auth/principal";
import type { ApiScope } from "../auth/scopes";
import type { ApiTurnDeps } from "../chat/api-turn";
import type { RoomFileDeps } from "../collab/room-file-endpoints";

/** What the MCP server reaches the rest of the app through; the web composition root builds it. */
export interface McpDeps extends ApiTurnDeps, RoomFileDeps {
  /** The per-user chat turn limit every surface shares; throws RATE_LIMITED. */
  limitChatTurns(userId: string): Promise<void>;
}

export interface ToolContext {
  deps: McpDeps;
  principal: Principal;
  signal: AbortSignal;
}

/** A tool's answer: text for the model reading it, and the same facts as structured content for programs. */
export interface ToolOutput {
  text: string;
  structured: Record<string, unknown>;
  /** Documents the answer points at, as MCP resource links. */
  links?: { uri: string; name: string }[];
}

/**
 * One MCP tool. The scope is checked before the input is parsed (with our zod schema, so a bad
 * argument is a VALIDATION_FAILED tool error like any other surface's), then `run` does the work
 * through the same domain functions as the REST API.
 */
export interface McpTool<S extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  scope: ApiScope;
  input: S;
  /** Whether the tool only reads; the one that writes replaces content (MCP annotations clients use to ask first). */
  readOnly: boolean;
  run(ctx: ToolContext, input: z.output<S>): Promise<ToolOutput>;
}

/** Keeps each tool's input type tied to its schema while the list holds them all alike. */
export function defineTool<S extends z.ZodType>(tool: McpTool<S>): McpTool {
  return tool as unknown as McpTool;
}
