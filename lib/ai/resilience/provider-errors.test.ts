import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { AiTimeoutError, classifyProviderError, parseRetryAfter } from "./provider-errors";

function httpError(statusCode: number, responseHeaders: Record<string, string> = {}) {
  return new APICallError({ message: "x", url: "http://p/v1", requestBodyValues: {}, statusCode, responseHeaders });
}

describe("classifyProviderError", () => {
  it.each([
    [408, "timeout", true],
    [409, "server", true],
    [429, "rate_limit", true],
    [500, "server", true],
    [503, "server", true],
    [400, "client", false],
    [401, "auth", false],
    [403, "auth", false],
    [404, "client", false],
  ])("HTTP %i is %s, retryable: %s", (status, kind, retryable) => {
    expect(classifyProviderError(httpError(status))).toMatchObject({ kind, retryable, status });
  });

  it("reads retry-after from a 429", () => {
    expect(classifyProviderError(httpError(429, { "retry-after": "3" })).retryAfterMs).toBe(3_000);
  });

  it("treats connection failures and broken bodies as retryable network errors", () => {
    const refused = new APICallError({ message: "Cannot connect", url: "u", requestBodyValues: {}, isRetryable: true });
    expect(classifyProviderError(refused)).toMatchObject({ kind: "network", retryable: true });
    const socket = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    const broken = new APICallError({ message: "Failed to process successful response", url: "u", requestBodyValues: {}, statusCode: 200, cause: new TypeError("terminated", { cause: socket }) });
    expect(classifyProviderError(broken)).toMatchObject({ kind: "network", retryable: true });
  });

  it("treats our own timers as retryable timeouts", () => {
    expect(classifyProviderError(new AiTimeoutError("first_token", 500))).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("understands error events sent inside a stream", () => {
    expect(classifyProviderError({ type: "overloaded_error", message: "Overloaded" })).toMatchObject({ kind: "server", retryable: true });
    expect(classifyProviderError({ type: "rate_limit_error" })).toMatchObject({ kind: "rate_limit", retryable: true });
    expect(classifyProviderError({ type: "invalid_request_error" })).toMatchObject({ kind: "client", retryable: false });
  });

  it("does not retry what it does not recognise", () => {
    expect(classifyProviderError(new Error("weird"))).toMatchObject({ kind: "unknown", retryable: false });
  });
});

describe("parseRetryAfter", () => {
  it("accepts retry-after-ms, seconds and HTTP dates", () => {
    expect(parseRetryAfter({ "retry-after-ms": "250" })).toBe(250);
    expect(parseRetryAfter({ "Retry-After": "2" })).toBe(2_000);
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }, Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(parseRetryAfter({ "retry-after": "soon" })).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("failure scope: which breaker a failure counts against", () => {
  it.each([
    [401, "provider"],
    [402, "provider"],
    [403, "provider"],
    [404, "model"],
    [408, "model"],
    [429, "model"],
    [500, "model"],
    [503, "model"],
    [400, "none"],
    [422, "none"],
  ])("HTTP %i counts against the %s", (status, scope) => {
    expect(classifyProviderError(httpError(status)).scope).toBe(scope);
  });

  it("blames the provider when no connection could be opened, the model when one broke", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND ai.invalid"), { code: "ENOTFOUND" });
    for (const cause of [refused, dns]) {
      const err = new APICallError({ message: "Cannot connect", url: "u", requestBodyValues: {}, isRetryable: true, cause: new TypeError("fetch failed", { cause }) });
      expect(classifyProviderError(err)).toMatchObject({ kind: "network", scope: "provider" });
    }
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    expect(classifyProviderError(new TypeError("terminated", { cause: reset }))).toMatchObject({ kind: "network", scope: "model" });
  });

  it("counts our own timeouts, stream errors and unknown failures against the model", () => {
    expect(classifyProviderError(new AiTimeoutError("first_token", 500)).scope).toBe("model");
    expect(classifyProviderError({ type: "authentication_error" }).scope).toBe("provider");
    expect(classifyProviderError({ type: "not_found_error" }).scope).toBe("model");
    expect(classifyProviderError({ type: "invalid_request_error" }).scope).toBe("none");
    expect(classifyProviderError(new Error("weird")).scope).toBe("model");
  });
});
