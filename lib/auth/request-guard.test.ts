import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { guardStateChangingRequest, type RequestGuardOptions } from "./request-guard";

const JSON_ROUTE: RequestGuardOptions = { contentType: "application/json" };

function codeOf(method: string, headers: Record<string, string>, options: RequestGuardOptions = JSON_ROUTE): string | null {
  try {
    guardStateChangingRequest({ method, headers: new Headers(headers) }, options);
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const sameOrigin = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" };

describe("guardStateChangingRequest", () => {
  it("lets reads through whatever their origin", () => {
    expect(codeOf("GET", { host: "a.test", origin: "http://evil.test", "sec-fetch-site": "cross-site" })).toBeNull();
    expect(codeOf("HEAD", { host: "a.test", "sec-fetch-site": "cross-site" })).toBeNull();
  });

  it("accepts the app's own pages", () => {
    expect(codeOf("POST", { ...sameOrigin, "content-type": "application/json; charset=utf-8" })).toBeNull();
    expect(codeOf("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "content-type": "application/json" })).toBeNull();
  });

  it("refuses another port of the same host (same-site, not same-origin)", () => {
    const headers = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000", "content-type": "text/plain" };
    expect(codeOf("POST", { ...headers, "sec-fetch-site": "same-site" })).toBe("CROSS_ORIGIN");
    expect(codeOf("POST", headers)).toBe("CROSS_ORIGIN");
    expect(codeOf("DELETE", { host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" })).toBe("CROSS_ORIGIN");
    expect(codeOf("PUT", { host: "127.0.0.1:3000", origin: "null", "content-type": "application/json" })).toBe("CROSS_ORIGIN");
  });

  it("compares with NEXTAUTH_URL when it is set, scheme included", () => {
    const appUrl = "https://code.example.com";
    const headers = { host: "internal:3000", "content-type": "application/json" };
    expect(codeOf("POST", { ...headers, origin: "https://code.example.com" }, { ...JSON_ROUTE, appUrl })).toBeNull();
    expect(codeOf("POST", { ...headers, origin: "http://code.example.com" }, { ...JSON_ROUTE, appUrl })).toBe("CROSS_ORIGIN");
    expect(codeOf("POST", { ...headers, origin: "http://internal:3000" }, { ...JSON_ROUTE, appUrl })).toBe("CROSS_ORIGIN");
  });

  it("lets non-browser clients through: they carry no one else's cookies", () => {
    expect(codeOf("POST", { host: "127.0.0.1:3000", "content-type": "application/json" })).toBeNull();
  });

  it("requires the route's body type, and no body where the route takes none", () => {
    expect(codeOf("POST", { ...sameOrigin, "content-type": "text/plain" })).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(codeOf("POST", sameOrigin)).toBe("UNSUPPORTED_MEDIA_TYPE");
    const upload = { contentType: "application/octet-stream" } as const;
    expect(codeOf("POST", { ...sameOrigin, "content-type": "application/octet-stream" }, upload)).toBeNull();
    expect(codeOf("POST", { ...sameOrigin, "content-type": "multipart/form-data; boundary=x" }, upload)).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(codeOf("POST", { ...sameOrigin, "content-length": "0" }, {})).toBeNull();
    expect(codeOf("POST", { ...sameOrigin, "content-type": "text/plain", "content-length": "4" }, {})).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("exempts API tokens, which a browser never attaches by itself", () => {
    expect(codeOf("POST", { host: "a.test", origin: "http://evil.test", authorization: "Bearer abc", "content-type": "text/plain" })).toBeNull();
  });
});
