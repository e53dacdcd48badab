import { readJsonBody } from "@/app/_server/body";
import { limitChatTurns } from "@/app/_server/limits";
import { requirePrincipal } from "@/app/_server/principal";
import { route } from "@/app/_server/route";
import { getAiRuntime, getPassageSource, getRoomFileDeps } from "@/app/_server/runtime";
import { getConfig } from "@/lib/config";
import { handleMcpPost, MCP_AUTH_CHALLENGE, mcpMethodNotAllowed, requireBearerHeader } from "@/lib/mcp/http";
import packageJson from "@/package.json" with { type: "json" };

export const dynamic = "force-dynamic";

/** The MCP server over Streamable HTTP, stateless, for API tokens (docs/mcp.md). */
export const POST = route(
  async (req, { log }) => {
    requireBearerHeader(req.headers);
    const principal = await requirePrincipal(req);
    const body = await readJsonBody(req, getConfig().env.MCP_MAX_BODY_KB * 1024);
    const deps = { ...(await getRoomFileDeps()), ai: getAiRuntime(), passages: getPassageSource(), log, limitChatTurns };
    return handleMcpPost(deps, principal, req, body, packageJson.version);
  },
  { contentType: "application/json", authChallenge: MCP_AUTH_CHALLENGE },
);

export const GET = route(async () => mcpMethodNotAllowed());

export const DELETE = route(async () => mcpMethodNotAllowed());
