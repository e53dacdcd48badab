import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { describe, expect, it } from "vitest";
import { registerWebhookPaths } from "./webhooks-paths";

describe("webhook OpenAPI description", () => {
  it("documents every route and event from the validating schemas", () => {
    const registry = new OpenAPIRegistry();
    registerWebhookPaths(registry);
    const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      "/api/v1/webhooks",
      "/api/v1/webhooks/{id}",
      "/api/v1/webhooks/{id}/deliveries",
      "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver",
      "/api/v1/webhooks/{id}/secret",
      "/api/v1/webhooks/{id}/test",
    ]);
    const create = doc.paths!["/api/v1/webhooks"]!.post!;
    const body = (create.requestBody as { content: Record<string, { schema: { required?: string[]; properties: Record<string, unknown> } }> }).content["application/json"]!.schema;
    expect(body.required).toEqual(expect.arrayContaining(["url", "events"]));
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(["url", "events", "description", "roomId"]));
    expect(Object.keys(doc.webhooks ?? {}).sort()).toEqual(["chat.feedback", "document.failed", "document.ready", "room.member.added", "room.member.removed", "room.version.saved"]);
  });
});
