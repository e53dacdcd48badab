import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./content-security-policy";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  const base = { nonce: "abc123", host: "127.0.0.1:3000", collab: { port: 1234 }, dev: false };

  it("allows scripts from this origin and with the nonce only, eval in development only", () => {
    expect(directive(contentSecurityPolicy(base), "script-src")).toBe("script-src 'self' 'nonce-abc123'");
    expect(directive(contentSecurityPolicy({ ...base, dev: true }), "script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy(base)).toContain("frame-ancestors 'none'");
    expect(directive(contentSecurityPolicy(base), "worker-src")).toBe("worker-src 'self'");
  });

  it("lets sockets reach the sidecar on the page's host, or on its public URL", () => {
    expect(directive(contentSecurityPolicy(base), "connect-src")).toBe("connect-src 'self' ws://127.0.0.1:1234 wss://127.0.0.1:1234");
    expect(directive(contentSecurityPolicy({ ...base, host: "[::1]:3000" }), "connect-src")).toContain("ws://[::1]:1234");
    const proxied = contentSecurityPolicy({ ...base, collab: { port: 1234, publicUrl: "wss://code.example.com/collab" } });
    expect(directive(proxied, "connect-src")).toBe("connect-src 'self' wss://code.example.com");
  });
});
