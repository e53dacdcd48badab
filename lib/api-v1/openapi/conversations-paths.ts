import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import {
  answerSchema,
  conversationPageSchema,
  conversationSchema,
  createConversationSchema,
  createdConversationSchema,
  listConversationsQuerySchema,
  messageStreamEventSchema,
  postMessageSchema,
} from "../conversation-schemas";
import { BEARER, errors, json, jsonBody, noContent, pathParams } from "./common";

/** /api/v1/conversations… (lib/api-v1/conversation-endpoints.ts, message-endpoint.ts); scope `chat`. */
export function registerConversationPaths(registry: OpenAPIRegistry): void {
  const base = { tags: ["Conversations"], security: [{ [BEARER]: [] }] };
  const id = pathParams("id");
  registry.registerPath({
    ...base,
    method: "get",
    path: "/api/v1/conversations",
    summary: "The caller's conversations, newest first. Scope: chat.",
    request: { query: listConversationsQuerySchema },
    responses: { 200: json(conversationPageSchema, "A page of conversations."), ...errors(400, 403) },
  });
  registry.registerPath({
    ...base,
    method: "post",
    path: "/api/v1/conversations",
    summary: "Start a conversation. Scope: chat.",
    request: { body: jsonBody(createConversationSchema) },
    responses: { 201: json(createdConversationSchema, "The new, empty conversation."), ...errors(400, 403, 404) },
  });
  registry.registerPath({
    ...base,
    method: "get",
    path: "/api/v1/conversations/{id}",
    summary: "A conversation with its messages and their citations. Scope: chat.",
    request: { params: id },
    responses: { 200: json(conversationSchema, "The conversation, messages oldest first."), ...errors(403, 404) },
  });
  registry.registerPath({
    ...base,
    method: "delete",
    path: "/api/v1/conversations/{id}",
    summary: "Delete a conversation. Scope: chat.",
    request: { params: id },
    responses: { 204: noContent, ...errors(403, 404) },
  });
  registry.registerPath({
    ...base,
    method: "post",
    path: "/api/v1/conversations/{id}/messages",
    summary: "Send a message and get the answer. Scope: chat (+ knowledge:read for knowledge).",
    description:
      "The answer comes from the team's models with their fallback order and limits, cites the caller's documents, " +
      "and is stored in the conversation (it shows in /chat). With `stream: true` the answer is `text/event-stream`: " +
      'each event is one line `data: <MessageStreamEvent JSON>` and a blank line — `text` events, then `citations`, then `done`; or `error`.',
    request: { params: id, body: jsonBody(postMessageSchema) },
    responses: {
      200: {
        description: "The answer (JSON), or its events (`stream: true`).",
        content: { "application/json": { schema: answerSchema }, "text/event-stream": { schema: messageStreamEventSchema } },
      },
      ...errors(400, 403, 404, 502, 503),
    },
  });
}
