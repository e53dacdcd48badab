import { NextRequest, NextResponse } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { rateLimited } from "@/lib/rate-limit/enforce";

vi.mock("server-only", () => ({}));
// A fixed secret so the configuration never writes one into the working directory.
vi.stubEnv("AUTH_SECRET", "route-test-secret-route-test-secret-0123");
const { route } = await import("./route");

const call = (handler: Parameters<typeof route>[0], init: { method?: string; headers?: Record<string, string> } = {}) =>
  route(handler)(new NextRequest("http://localhost/api/thing", init), { params: Promise.resolve({}) });

describe("route", () => {
  it("passes the handler's response through with the request id", async () => {
    const res = await call(async () => NextResponse.json({ ok: true }), { headers: { "x-request-id": "req-12345678" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-12345678");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers a typed error with its status and code, and a limit with Retry-After", async () => {
    const missing = await call(async () => {
      throw new AppError("NOT_FOUND", "No such room.");
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "NOT_FOUND", message: "No such room." } });

    const limited = await call(async () => {
      throw rateLimited(42, "Too many.");
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("42");
  });

  it("adds the route's WWW-Authenticate challenge to a 401, and only to a 401", async () => {
    const challenged = (code: "UNAUTHENTICATED" | "FORBIDDEN") =>
      route(
        async () => {
          throw new AppError(code, "no");
        },
        { authChallenge: 'Bearer realm="mcp"' },
      )(new NextRequest("http://localhost/api/thing"), { params: Promise.resolve({}) });
    expect((await challenged("UNAUTHENTICATED")).headers.get("www-authenticate")).toBe('Bearer realm="mcp"');
    expect((await challenged("FORBIDDEN")).headers.get("www-authenticate")).toBeNull();
    const plain = await call(async () => {
      throw new AppError("UNAUTHENTICATED", "no");
    });
    expect(plain.headers.get("www-authenticate")).toBeNull();
  });

  it("hides an unexpected error behind a generic 500", async () => {
    const res = await call(async () => {
      throw new Error("connection string postgresql://secret@db");
    });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toContain("secret");
  });

  it("refuses a state-changing request from another origin before the handler runs", async () => {
    const handler = vi.fn(async () => NextResponse.json({ ok: true }));
    const res = await call(handler, { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json" } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(handler).not.toHaveBeenCalled();
  });
});
