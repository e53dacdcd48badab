import { contentSecurityPolicy } from "@/lib/auth/content-security-policy";
import { getConfig } from "@/lib/config";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";

const PUBLIC_PAGES = ["/signin", "/register"];

/** API paths: they authenticate themselves (session or token) and answer 401 JSON, never a redirect. */
function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname === "/v1" || pathname.startsWith("/v1/");
}
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

function withRequestId(req: NextRequest): NextResponse {
  const incoming = req.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  const csp = isApiPath(req.nextUrl.pathname) ? null : pagePolicy(req);
  // Next takes the nonce for its own scripts from the request's policy header.
  if (csp) headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  if (csp) response.headers.set("content-security-policy", csp);
  return response;
}

function pagePolicy(req: NextRequest): string {
  const { env } = getConfig();
  return contentSecurityPolicy({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    host: req.headers.get("host") ?? req.nextUrl.host,
    collab: { publicUrl: env.COLLAB_PUBLIC_URL, port: env.COLLAB_PORT },
    dev: env.NODE_ENV === "development",
  });
}

let authProxy: ReturnType<typeof withAuth> | undefined;

function getAuthProxy() {
  authProxy ??= withAuth((req: NextRequestWithAuth) => withRequestId(req), {
    secret: getConfig().authSecret,
    pages: { signIn: "/signin" },
  });
  return authProxy;
}

/**
 * Gives every request an id, every page a Content-Security-Policy with a fresh nonce (so pages
 * render dynamically), and sends visitors without a session to sign-in, with the page they
 * wanted as callbackUrl. API routes (/api, and /v1 for OpenAI clients) answer 401 themselves instead of redirecting.
 */
export default function proxy(req: NextRequest, event: NextFetchEvent) {
  const { pathname } = req.nextUrl;
  if (isApiPath(pathname) || PUBLIC_PAGES.some((p) => pathname === p)) {
    return withRequestId(req);
  }
  return getAuthProxy()(req as NextRequestWithAuth, event);
}

export const config = {
  // Uploads are excluded: the proxy would cut their bodies at 10 MB; the route authenticates itself.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|api/knowledge/upload|api/v1/knowledge/documents$).*)"],
};
