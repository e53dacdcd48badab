import { getAuthOptions } from "@/app/_server/runtime";
import { rateLimitedSignIn } from "@/lib/auth/messages";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx) {
  const response: Response = await NextAuth(req, { params: await ctx.params }, getAuthOptions());
  return withRetryAfter(response);
}

/**
 * next-auth answers every refused credentials sign-in with 401 and `{ url: "…?error=CODE" }`; a
 * rate-limited one (error `RATE_LIMITED:<seconds>`) becomes a 429 with Retry-After, like every
 * other limit. The body is kept, so the sign-in form reads the same error.
 */
async function withRetryAfter(response: Response): Promise<Response> {
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const body = await response.text();
  let seconds: number | null = null;
  try {
    const { url } = JSON.parse(body) as { url?: unknown };
    if (typeof url === "string") seconds = rateLimitedSignIn(new URL(url, "http://local.invalid").searchParams.get("error"));
  } catch {
    seconds = null;
  }
  const headers = new Headers(response.headers);
  if (seconds !== null) headers.set("retry-after", String(seconds));
  return new Response(body, { status: seconds === null ? response.status : 429, headers });
}

export { handler as GET, handler as POST };
