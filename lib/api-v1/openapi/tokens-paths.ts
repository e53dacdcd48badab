import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { createTokenInputSchema, listTokensQuerySchema } from "../../auth/api-tokens";
import { apiScopeSchema } from "../../auth/scopes";
import { pageSchema } from "../page";
import { BEARER, errors, json, jsonBody, noContent, pathParams } from "./common";

const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The token's first characters, e.g. eca_Ab12cd." }),
    scopes: z.array(apiScopeSchema),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  })
  .meta({ id: "ApiToken" });

const tokenPageSchema = pageSchema(tokenSchema).meta({ id: "ApiTokenPage" });
const createdTokenSchema = tokenSchema.extend({ token: z.string().meta({ description: "The secret, shown in this answer only." }) }).meta({ id: "CreatedApiToken" });

/** /api/v1/tokens and /api/v1/admin/tokens (lib/auth/token-endpoints.ts). */
export function registerTokenPaths(registry: OpenAPIRegistry): void {
  const security = [{ [BEARER]: [] }];
  registry.registerPath({
    method: "post",
    path: "/api/v1/tokens",
    tags: ["Tokens"],
    summary: "Create an API token (signed-in session only)",
    security,
    request: { body: jsonBody(createTokenInputSchema) },
    responses: { 201: json(createdTokenSchema, "The token, with its secret shown once."), ...errors(400, 403) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/tokens",
    tags: ["Tokens"],
    summary: "The signed-in user's working tokens (session only)",
    security,
    request: { query: listTokensQuerySchema },
    responses: { 200: json(tokenPageSchema, "A page of tokens, newest first."), ...errors(400, 403) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/tokens/{id}",
    tags: ["Tokens"],
    summary: "Revoke a token (a token needs the admin scope)",
    security,
    request: { params: pathParams("id") },
    responses: { 204: noContent, ...errors(403, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/admin/tokens",
    tags: ["Tokens"],
    summary: "Everyone's working tokens. Scope: admin.",
    security,
    request: { query: listTokensQuerySchema },
    responses: { 200: json(tokenPageSchema, "A page of tokens, newest first."), ...errors(400, 403) },
  });
}
