import { getConfig } from "@/lib/config";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";

const PUBLIC_PAGES = ["/signin", "/register"];
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

function withRequestId(req: NextRequest): NextResponse {
  const incoming = req.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
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
 * Gives every request an id and sends visitors without a session to sign-in, with the page they
 * wanted as callbackUrl. API routes answer 401 themselves instead of redirecting.
 */
export default function proxy(req: NextRequest, event: NextFetchEvent) {
  const { pathname } = req.nextUrl;
  if (pathname.startsWith("/api/") || PUBLIC_PAGES.some((p) => pathname === p)) {
    return withRequestId(req);
  }
  return getAuthProxy()(req as NextRequestWithAuth, event);
}

export const config = {
  // Uploads are excluded: the proxy would cut their bodies at 10 MB; the route authenticates itself.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|api/knowledge/upload).*)"],
};
