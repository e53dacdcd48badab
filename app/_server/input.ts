import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/forms/input";
import type { NextRequest } from "next/server";
import type { z } from "zod";

/**
 * The request's query string parsed by `schema`. A bad one is VALIDATION_FAILED (400) with
 * `message`, or without it the first problem and where it is.
 */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S, message?: string): z.output<S> {
  const query = Object.fromEntries(req.nextUrl.searchParams);
  if (message === undefined) return parseInput(schema, query);
  const result = schema.safeParse(query);
  if (!result.success) throw new AppError("VALIDATION_FAILED", message);
  return result.data;
}

/** The route's path segments parsed by `schema`; a malformed one names nothing that exists: NOT_FOUND (404) with `message`. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown, message: string): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new AppError("NOT_FOUND", message);
  return result.data;
}
