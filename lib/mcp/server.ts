import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { requireScope, type Principal } from "../auth/principal";
import { parseInput } from "../forms/input";
import { askAssistantTool } from "./assistant-tool";
import { documentTemplate, listDocumentResources, readDocumentResource } from "./document-resources";
import { searchKnowledgeTool } from "./knowledge-tools";
import { listRoomFilesTool, listRoomsTool, readRoomFileTool, writeRoomFileTool } from "./room-tools";
import { protocolError, toolError, toolResult, unknownToolError } from "./results";
import type { McpDeps, McpTool } from "./tool";

export const MCP_SERVER_NAME = "elite-coding-assistant";

/** Every tool, in the order tools/list shows them. */
export const MCP_TOOLS: readonly McpTool[] = [searchKnowledgeTool, listRoomsTool, listRoomFilesTool, readRoomFileTool, writeRoomFileTool, askAssistantTool];

const INSTRUCTIONS =
  "Tools and resources of a self-hosted coding workspace: search the team's knowledge base, read and write files " +
  "in collaborative rooms (writes appear live in open editors), and ask the team's assistant. Each tool says " +
  "which token scope it needs; a failed call returns {error: {code, message}} with a stable code.";

function describeTool(tool: McpTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.input, { io: "input" }) as Tool["inputSchema"],
    annotations: { title: tool.title, readOnlyHint: tool.readOnly, destructiveHint: !tool.readOnly, openWorldHint: false },
  };
}

// Built once, not per request: describing the tools and creating an Ajv validator (which the server
// only uses for elicitation) were most of a request's cost (bench/mcp/README.md).
const TOOLS_BY_NAME = new Map(MCP_TOOLS.map((tool) => [tool.name, tool]));
let toolList: Tool[] | undefined;
let validator: AjvJsonSchemaValidator | undefined;

/**
 * An MCP server for one request of one caller. Each call checks the tool's scope, then parses its
 * arguments with our schema, so refusals and bad input come back as tool errors with our codes.
 */
export function createMcpServer(deps: McpDeps, principal: Principal, version: string): Server {
  const server = new Server(
    { name: MCP_SERVER_NAME, title: "Elite Coding Assistant", version },
    { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS, jsonSchemaValidator: (validator ??= new AjvJsonSchemaValidator()) },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: (toolList ??= MCP_TOOLS.map(describeTool)) }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = TOOLS_BY_NAME.get(request.params.name);
    if (!tool) throw unknownToolError(request.params.name);
    try {
      requireScope(principal, tool.scope);
      const input = parseInput(tool.input, request.params.arguments ?? {});
      return toolResult(await tool.run({ deps, principal, signal: extra.signal }, input));
    } catch (err) {
      return toolError(err, deps.log);
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, async (request) => {
    try {
      return await listDocumentResources(deps.db, principal, request.params?.cursor);
    } catch (err) {
      throw protocolError(err, deps.log);
    }
  });

  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: [documentTemplate] }));

  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    try {
      return await readDocumentResource(deps.db, principal, request.params.uri);
    } catch (err) {
      throw protocolError(err, deps.log);
    }
  });

  return server;
}
