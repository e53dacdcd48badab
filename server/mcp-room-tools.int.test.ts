import type { Server } from "node:http";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAiRuntime } from "../lib/ai/runtime";
import { testConfig } from "../lib/ai/testing/chat-harness";
import { createApiToken } from "../lib/auth/api-tokens";
import type { ApiScope } from "../lib/auth/scopes";
import { toSessionUser } from "../lib/auth/users";
import { createFile, findFileByPath, readFile } from "../lib/collab/room-files";
import { createTestDatabase, testProviders, type TestDatabase } from "../lib/db/test-database";
import { connectMcpClient, serveMcp } from "../lib/mcp/test-support";
import { logger } from "../lib/observability/logger";
import { DocClient } from "./test-support/clients";
import { createRoomWith, TEST_AUTH_SECRET, tokenFor } from "./test-support/fixtures";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { waitFor } from "./test-support/wait";

type Tool = { isError?: boolean; structuredContent?: Record<string, unknown> };

const errorCode = (result: unknown) => {
  expect((result as Tool).isError).toBe(true);
  return ((result as Tool).structuredContent as { error: { code: string } }).error.code;
};

/** The MCP room tools through the SDK client, against a real sidecar with the room open in an editor. */
describe.each(testProviders())("MCP room tools on %s", (provider) => {
  let t: TestDatabase;
  let sidecar: RunningSidecar;
  let server: Server;
  let url: URL;
  const clients: Client[] = [];
  const editors: DocClient[] = [];

  async function mcpAs(user: { id: string; email: string; name: string }, scopes: ApiScope[]): Promise<Client> {
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    const { token } = await createApiToken(t.db, toSessionUser(row), { name: "mcp", scopes, expiresInDays: 1 });
    const client = await connectMcpClient(url, token);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    sidecar = await startTestSidecar(t);
    ({ server, url } = await serveMcp({
      db: t.db,
      sidecar: { url: `http://127.0.0.1:${sidecar.sidecar.port}`, authSecret: TEST_AUTH_SECRET },
      ai: createAiRuntime(testConfig({})),
      passages: { retrieve: async () => [] },
      log: logger,
      limitChatTurns: async () => {},
    }));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    editors.forEach((e) => e.destroy());
    await new Promise((resolve) => server?.close(resolve));
    await sidecar?.sidecar.close();
    await t?.dispose();
  });

  it("lists rooms and files, reads a file, and writes into the live document an editor has open", async () => {
    const { roomId, owner } = await createRoomWith(t.db);
    const editor = new DocClient(sidecar.url, roomId, await tokenFor(owner.id, roomId));
    editors.push(editor);
    await editor.synced();
    const fileId = createFile(editor.doc, "src/main.ts", "export const answer = 41;\n");
    const client = await mcpAs(owner, ["rooms:read", "rooms:write"]);

    const rooms = (await client.callTool({ name: "list_rooms", arguments: {} })) as CallToolResult;
    expect(rooms.structuredContent).toMatchObject({ items: [{ id: roomId, role: "owner" }], nextCursor: null });
    await waitFor("the editor's file to be stored", async () => {
      const files = (await client.callTool({ name: "list_room_files", arguments: { roomId } })) as CallToolResult;
      return (files.structuredContent as { items: { path: string }[] }).items.some((f) => f.path === "src/main.ts");
    });
    const read = (await client.callTool({ name: "read_room_file", arguments: { roomId, path: "src/main.ts" } })) as CallToolResult;
    expect(read.content[0]).toEqual({ type: "text", text: "export const answer = 41;\n" });
    expect(read.structuredContent).toEqual({ path: "src/main.ts", content: "export const answer = 41;\n", language: "typescript" });

    const write = (await client.callTool({ name: "write_room_file", arguments: { roomId, path: "src/main.ts", content: "export const answer = 42;\n" } })) as CallToolResult;
    expect(write.structuredContent).toEqual({ path: "src/main.ts", created: false });
    await waitFor("the open editor to show the write", () => readFile(editor.doc, fileId) === "export const answer = 42;\n");

    const created = (await client.callTool({ name: "write_room_file", arguments: { roomId, path: "docs/NOTES.md", content: "# Notes\n" } })) as CallToolResult;
    expect(created.structuredContent).toEqual({ path: "docs/NOTES.md", created: true });
    await waitFor("the open editor to show the new file", () => findFileByPath(editor.doc, "docs/NOTES.md"));
  });

  it("refuses viewers, strangers and tokens without the room scopes with stable codes", async () => {
    const { roomId, members } = await createRoomWith(t.db, ["viewer"]);
    const viewer = members[1]!;
    const stranger = (await createRoomWith(t.db)).owner;

    const viewerClient = await mcpAs(viewer, ["rooms:read", "rooms:write"]);
    expect(errorCode(await viewerClient.callTool({ name: "write_room_file", arguments: { roomId, path: "a.txt", content: "x" } }))).toBe("FORBIDDEN");
    expect(((await viewerClient.callTool({ name: "list_room_files", arguments: { roomId } })) as CallToolResult).isError).toBeFalsy();

    const strangerClient = await mcpAs(stranger, ["rooms:read", "rooms:write"]);
    expect(errorCode(await strangerClient.callTool({ name: "read_room_file", arguments: { roomId, path: "a.txt" } }))).toBe("NOT_FOUND");
    expect(errorCode(await strangerClient.callTool({ name: "write_room_file", arguments: { roomId, path: "a.txt", content: "x" } }))).toBe("NOT_FOUND");

    const readOnly = await mcpAs(viewer, ["rooms:read"]);
    expect(errorCode(await readOnly.callTool({ name: "write_room_file", arguments: { roomId, path: "a.txt", content: "x" } }))).toBe("INSUFFICIENT_SCOPE");
    const knowledgeOnly = await mcpAs(viewer, ["knowledge:read"]);
    expect(errorCode(await knowledgeOnly.callTool({ name: "list_rooms", arguments: {} }))).toBe("INSUFFICIENT_SCOPE");
    expect(errorCode(await knowledgeOnly.callTool({ name: "read_room_file", arguments: { roomId, path: "a.txt" } }))).toBe("INSUFFICIENT_SCOPE");
    expect(errorCode(await readOnly.callTool({ name: "read_room_file", arguments: { roomId, path: "../etc/passwd" } }))).toBe("VALIDATION_FAILED");
  });
});
