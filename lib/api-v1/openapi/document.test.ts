import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";

const document = buildOpenApiDocument({ version: "0.1.0" });

describe("the /api/v1 OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(document)) as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("lists every endpoint of the contract with the bearer scheme and the error schema", () => {
    const paths = Object.entries(document.paths ?? {}).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`));
    expect(paths).toEqual(
      expect.arrayContaining([
        "GET /api/v1/conversations",
        "POST /api/v1/conversations",
        "GET /api/v1/conversations/{id}",
        "DELETE /api/v1/conversations/{id}",
        "POST /api/v1/conversations/{id}/messages",
        "POST /api/v1/knowledge/documents",
        "GET /api/v1/knowledge/documents",
        "GET /api/v1/knowledge/documents/{id}",
        "DELETE /api/v1/knowledge/documents/{id}",
        "GET /api/v1/knowledge/search",
        "GET /api/v1/analytics/{chart}",
        "GET /api/v1/usage",
        "POST /api/v1/tokens",
        "GET /api/v1/tokens",
        "DELETE /api/v1/tokens/{id}",
        "GET /api/v1/admin/tokens",
      ]),
    );
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components?.schemas?.Error).toBeDefined();
  });

  it("documents requests with the schemas that validate them", () => {
    const post = document.paths?.["/api/v1/conversations/{id}/messages"]?.post;
    const body = post?.requestBody && "content" in post.requestBody ? post.requestBody.content["application/json"]?.schema : undefined;
    expect(body).toEqual({ $ref: "#/components/schemas/PostMessage" });
    const postMessage = document.components?.schemas?.PostMessage as { required?: string[]; properties?: Record<string, unknown> };
    expect(postMessage.required).toEqual(["content"]);
    expect(Object.keys(postMessage.properties ?? {})).toEqual(["content", "model", "knowledge", "stream"]);
    const list = document.paths?.["/api/v1/knowledge/documents"]?.get;
    const limit = list?.parameters?.find((p) => "name" in p && p.name === "limit");
    expect(limit).toMatchObject({ in: "query", schema: { maximum: 200, default: 50 } });
  });
});
