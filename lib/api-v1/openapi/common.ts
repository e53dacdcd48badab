import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

/** The security scheme every /api/v1 path requires (a session cookie works too, from the browser). */
export const BEARER = "bearerAuth";

/** What every error answer looks like (lib/errors, app/_server/route.ts). */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable: clients may branch on it (e.g. NOT_FOUND, INSUFFICIENT_SCOPE, RATE_LIMITED)." }),
      message: z.string().meta({ description: "For people." }),
      requestId: z.string().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });

const ERROR_TEXT = {
  400: "Invalid input (VALIDATION_FAILED).",
  401: "No session or token, or the token is invalid, expired or revoked.",
  403: "The token lacks the scope (INSUFFICIENT_SCOPE), or the role forbids it.",
  404: "Not found, or not the caller's.",
  413: "Too large.",
  415: "Wrong Content-Type.",
  429: "Over a limit; see Retry-After.",
  502: "Every model failed (AI_PROVIDER_FAILED); streamed answers send an `error` event instead.",
  503: "No model is configured (AI_NOT_CONFIGURED), or a service is away.",
} as const;
export type ErrorStatus = keyof typeof ERROR_TEXT;

export function json(schema: z.ZodType, description: string): ResponseConfig {
  return { description, content: { "application/json": { schema } } };
}

/** The error answers a path may give: always 401 and 429, plus `statuses`. */
export function errors(...statuses: ErrorStatus[]): Record<number, ResponseConfig> {
  const all = new Set<ErrorStatus>([401, 429, ...statuses]);
  return Object.fromEntries([...all].sort().map((status) => [status, json(errorSchema, ERROR_TEXT[status])]));
}

export const noContent: ResponseConfig = { description: "Done; no body." };

export function jsonBody(schema: z.ZodType) {
  return { required: true, content: { "application/json": { schema } } };
}

/** A path parameter object for `{name}` segments. */
export function pathParams<K extends string>(...names: K[]) {
  return z.object(Object.fromEntries(names.map((n) => [n, z.string()])) as Record<K, z.ZodString>);
}

export type PathRegistrar = (registry: OpenAPIRegistry) => void;
