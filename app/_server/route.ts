import "server-only";
import { guardStateChangingRequest } from "@/lib/auth/request-guard";
import { getConfig } from "@/lib/config";
import { publicError } from "@/lib/errors/app-error";
import { observeHttpRequest } from "@/lib/observability/http-metrics";
import { logger } from "@/lib/observability/logger";
import type { SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors/app-error";
import { headers } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "./session";

export interface RouteContext {
  requestId: string;
  log: typeof logger;
}

type Handler<P> = (req: NextRequest, ctx: RouteContext & { params: P }) => Promise<Response>;

export interface RouteOptions {
  /** The body's media type for POST/PUT/PATCH/DELETE; without it the route takes no body. */
  contentType?: "application/json" | "application/octet-stream";
  /** How errors are shaped; by default `{error: {code, message}}` (lib/errors). */
  errorBody?: (err: unknown, requestId: string) => { status: number; body: { error: { details?: Record<string, unknown> } } };
  /** The WWW-Authenticate challenge a 401 answer carries, for routes that take bearer tokens only. */
  authChallenge?: string;
}

/**
 * Wraps a route handler: request id, structured access log, and typed errors mapped to JSON with
 * their HTTP status. Unknown errors are logged in full and answered with a generic 500.
 * State-changing requests from other origins, or with another body type, never reach the handler.
 */
export function route<P = Record<string, string>>(handler: Handler<P>, options: RouteOptions = {}) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
    const log = logger.child({ requestId, method: req.method, path: req.nextUrl.pathname });
    const started = performance.now();
    let response: Response;
    try {
      guardStateChangingRequest(req, { appUrl: getConfig().env.NEXTAUTH_URL, contentType: options.contentType });
      response = await handler(req, { requestId, log, params: await context.params });
    } catch (err) {
      const { status, body } = (options.errorBody ?? publicError)(err, requestId);
      if (status >= 500) log.error({ err }, "request failed");
      response = NextResponse.json(body, { status });
      // Every limit (429) and a limit store that is away (503) say when to come back.
      const retryAfter = body.error.details?.retryAfterSeconds;
      if (typeof retryAfter === "number") response.headers.set("retry-after", String(retryAfter));
      if (status === 401 && options.authChallenge) response.headers.set("www-authenticate", options.authChallenge);
    }
    response.headers.set("x-request-id", requestId);
    const ms = performance.now() - started;
    observeHttpRequest(req.method, req.nextUrl.pathname, response.status, ms / 1000);
    log.info({ status: response.status, ms: Math.round(ms) }, "request");
    return response;
  };
}

/**
 * The signed-in user of a session-only API request; a 401 error otherwise. A request carrying an
 * Authorization header is refused: it skipped the cross-origin guard, so it must not act on cookies.
 */
export async function requireApiUser(): Promise<SessionUser> {
  if ((await headers()).has("authorization")) {
    throw new AppError("TOKEN_INVALID", "This endpoint takes a signed-in session, not an API token.");
  }
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return user;
}
