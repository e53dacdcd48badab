import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { describe, expect, it } from "vitest";
import { registerRoomPaths } from "./rooms-api-spec";

function roomsDocument() {
  const registry = new OpenAPIRegistry();
  registerRoomPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: "3.1.0", info: { title: "test", version: "1" } });
}

describe("registerRoomPaths", () => {
  it("describes every rooms route of the v1 contract", () => {
    const paths = roomsDocument().paths ?? {};
    const operations = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /api/v1/rooms",
        "POST /api/v1/rooms",
        "GET /api/v1/rooms/{roomId}",
        "GET /api/v1/rooms/{roomId}/members",
        "POST /api/v1/rooms/{roomId}/members",
        "PATCH /api/v1/rooms/{roomId}/members/{userId}",
        "DELETE /api/v1/rooms/{roomId}/members/{userId}",
        "GET /api/v1/rooms/{roomId}/files",
        "GET /api/v1/rooms/{roomId}/files/{path}",
        "PUT /api/v1/rooms/{roomId}/files/{path}",
        "PATCH /api/v1/rooms/{roomId}/files/{path}",
        "DELETE /api/v1/rooms/{roomId}/files/{path}",
        "GET /api/v1/rooms/{roomId}/versions",
        "POST /api/v1/rooms/{roomId}/versions",
        "POST /api/v1/rooms/{roomId}/versions/{versionId}/restore",
        "GET /api/v1/rooms/{roomId}/export",
      ].sort(),
    );
  });

  it("builds request bodies from the validating schemas, with their limits", () => {
    const document = roomsDocument();
    const put = document.paths?.["/api/v1/rooms/{roomId}/files/{path}"]?.put;
    expect(put?.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/WriteFileBody" } } } });
    expect(document.components?.schemas?.WriteFileBody).toMatchObject({ properties: { content: { type: "string", maxLength: 1_000_000 } }, required: ["content"] });
    expect(document.components?.schemas?.CreateRoomBody).toMatchObject({ properties: { name: { maxLength: 80 } } });
    const list = document.paths?.["/api/v1/rooms"]?.get;
    expect(list?.parameters?.map((p) => ("name" in p ? p.name : null))).toEqual(["cursor", "limit"]);
  });
});
