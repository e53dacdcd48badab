import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { uploadQuerySchema } from "../../knowledge/document-schemas";
import { documentPageSchema, documentSchema, listDocumentsQuerySchema, searchQuerySchema, searchResultsSchema, uploadedDocumentSchema } from "../knowledge-schemas";
import { BEARER, errors, json, noContent, pathParams } from "./common";

/** /api/v1/knowledge/… (lib/api-v1/knowledge-endpoints.ts). */
export function registerKnowledgePaths(registry: OpenAPIRegistry): void {
  const base = { tags: ["Knowledge"], security: [{ [BEARER]: [] }] };
  const id = pathParams("id");
  registry.registerPath({
    ...base,
    method: "post",
    path: "/api/v1/knowledge/documents",
    summary: "Upload one file (the raw body). Scope: knowledge:write.",
    description: "The knowledge page's rules: supported types, the file size limit and the user's quota. The document is then ingested in the background: poll its status.",
    request: {
      query: uploadQuerySchema,
      body: { required: true, content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } } },
    },
    responses: { 201: json(uploadedDocumentSchema, "Stored and queued for ingestion."), ...errors(400, 403, 404, 413, 415) },
  });
  registry.registerPath({
    ...base,
    method: "get",
    path: "/api/v1/knowledge/documents",
    summary: "Documents of the caller's knowledge or a room's, newest first. Scope: knowledge:read.",
    request: { query: listDocumentsQuerySchema },
    responses: { 200: json(documentPageSchema, "A page of documents."), ...errors(400, 403, 404) },
  });
  registry.registerPath({
    ...base,
    method: "get",
    path: "/api/v1/knowledge/documents/{id}",
    summary: "A document and its ingestion status. Scope: knowledge:read.",
    request: { params: id },
    responses: { 200: json(documentSchema, "The document."), ...errors(403, 404) },
  });
  registry.registerPath({
    ...base,
    method: "delete",
    path: "/api/v1/knowledge/documents/{id}",
    summary: "Delete a document; its passages leave the index. Scope: knowledge:write.",
    request: { params: id },
    responses: { 204: noContent, ...errors(403, 404) },
  });
  registry.registerPath({
    ...base,
    method: "get",
    path: "/api/v1/knowledge/search",
    summary: "Passages for a question, best first, with citations. Scope: knowledge:read.",
    request: { query: searchQuerySchema },
    responses: { 200: json(searchResultsSchema, "The passages."), ...errors(400, 403, 404) },
  });
}
