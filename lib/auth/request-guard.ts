import { AppError } from "../errors/app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestGuardOptions {
  /** The app's public URL (NEXTAUTH_URL) when configured; otherwise the request's Host is the app's. */
  appUrl?: string;
  /**
   * The media type the route reads its body as (e.g. "application/json"); a state-changing request
   * must declare it. Without one, the route takes no body and a request carrying one is refused.
   */
  contentType?: string;
}

interface GuardedRequest {
  method: string;
  headers: Headers;
}

/**
 * Refuses a state-changing request that a browser sent from another origin (CROSS_ORIGIN) or that
 * carries a body of another type than the route reads (UNSUPPORTED_MEDIA_TYPE). SameSite=Lax cookies
 * still ride along from same-site origins (another port of the host), so the browser's own
 * Sec-Fetch-Site and Origin headers decide. A request with neither is not a browser's: no cookie of
 * a victim's comes with it. The required type is never one a cross-origin page may send without a
 * CORS preflight (which this app never grants).
 */
export function guardStateChangingRequest(req: GuardedRequest, options: RequestGuardOptions): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  // API tokens are not cookies: a browser never attaches one on its own, so no forgery to stop.
  if (/^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return;
  assertSameOrigin(req.headers, options.appUrl);
  assertContentType(req.headers, options.contentType);
}

function assertSameOrigin(headers: Headers, appUrl: string | undefined): void {
  const fetchSite = headers.get("sec-fetch-site");
  // "none": the user's own action (address bar, bookmark), which no other page can trigger.
  if (fetchSite === "same-origin" || fetchSite === "none") return;
  if (fetchSite !== null) throw crossOrigin();
  const origin = headers.get("origin");
  if (origin === null) return;
  if (appUrl) {
    if (origin !== new URL(appUrl).origin) throw crossOrigin();
    return;
  }
  // Without a configured URL the scheme is unknown behind a TLS proxy; host and port must match.
  if (hostOf(origin) !== headers.get("host")?.toLowerCase()) throw crossOrigin();
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

function assertContentType(headers: Headers, required: string | undefined): void {
  const declared = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() || null;
  if (required === undefined) {
    if (declared !== null || hasBody(headers)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "This request takes no body.");
    return;
  }
  if (declared !== required) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as ${required}.`, { required });
  }
}

function hasBody(headers: Headers): boolean {
  return Number(headers.get("content-length") ?? "0") > 0 || headers.has("transfer-encoding");
}

function crossOrigin(): AppError {
  return new AppError("CROSS_ORIGIN", "Requests from other sites cannot change anything here.");
}
