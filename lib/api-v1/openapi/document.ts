import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registerAnalyticsPaths } from "./analytics-paths";
import { BEARER, type PathRegistrar } from "./common";
import { registerConversationPaths } from "./conversations-paths";
import { registerKnowledgePaths } from "./knowledge-paths";
import { registerTokenPaths } from "./tokens-paths";

/** Every topic's paths: a topic adds its `register<Topic>Paths` here, one line each. */
export const API_V1_PATHS: readonly PathRegistrar[] = [registerTokenPaths, registerConversationPaths, registerKnowledgePaths, registerAnalyticsPaths];

export interface DocumentInfo {
  version: string;
}

/**
 * The OpenAPI 3.1 document of /api/v1, built from the zod schemas that validate the requests, so
 * the document cannot drift from what the endpoints accept. It names no server: paths are relative
 * to the origin that serves it, whatever proxy is in front.
 */
export function buildOpenApiDocument(info: DocumentInfo, registrars: readonly PathRegistrar[] = API_V1_PATHS) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", BEARER, {
    type: "http",
    scheme: "bearer",
    description: "A personal API token (`eca_…`) from your profile page or POST /api/v1/tokens. In the browser, the session cookie works too.",
  });
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Elite Coding Assistant API",
      version: info.version,
      description:
        "REST API v1: JSON in and out, errors as `{error: {code, message}}`, lists paged with `?cursor=&limit=` " +
        "(default 50, at most 200) answering `{items, nextCursor}`. Authenticate with `Authorization: Bearer <token>`; " +
        "each token acts as its user within its scopes.",
    },
    security: [{ [BEARER]: [] }],
  });
}
