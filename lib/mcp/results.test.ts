import { describe, expect, it, vi } from "vitest";
import { AppError } from "../errors/app-error";
import type { Logger } from "../observability/logger";
import { documentIdOf, documentUri } from "./document-uri";
import { protocolError, toolError } from "./results";

const log = () => ({ error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };

describe("MCP errors", () => {
  it("returns an AppError as a tool error with its code, message and details", () => {
    const result = toolError(new AppError("RATE_LIMITED", "Too many messages.", { retryAfterSeconds: 7 }), log());
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual({ error: { code: "RATE_LIMITED", message: "Too many messages.", details: { retryAfterSeconds: 7 } } });
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
  });

  it("hides anything else behind INTERNAL and logs it", () => {
    const logger = log();
    const result = toolError(new Error("connect ECONNREFUSED 10.0.0.5:5432"), logger);
    expect(result.structuredContent).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side." } });
    expect(JSON.stringify(result)).not.toContain("ECONNREFUSED");
    expect(logger.error).toHaveBeenCalledOnce();
  });

  it("maps protocol errors to JSON-RPC codes: unknown resources -32002, bad params -32602, refusals -32600", () => {
    expect(protocolError(new AppError("VALIDATION_FAILED", "cursor: is not a valid cursor"), log())).toMatchObject({ code: -32602 });
    expect(protocolError(new AppError("NOT_FOUND", "No such document."), log())).toMatchObject({ code: -32002, message: "No such document." });
    expect(protocolError(new AppError("INSUFFICIENT_SCOPE", "no"), log())).toMatchObject({ code: -32600, data: { error: { code: "INSUFFICIENT_SCOPE" } } });
    expect(protocolError(new TypeError("x is undefined"), log())).toMatchObject({ code: -32603, message: "Something went wrong on our side." });
  });
});

describe("document URIs", () => {
  it("round-trips ids and rejects other URIs", () => {
    expect(documentIdOf(documentUri("cm123abc"))).toBe("cm123abc");
    expect(documentIdOf("eca://documents/a/b")).toBeNull();
    expect(documentIdOf("eca://rooms/abc")).toBeNull();
    expect(documentIdOf("eca://documents/%E0%A4%A")).toBeNull();
  });
});
