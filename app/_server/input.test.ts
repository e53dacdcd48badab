import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));
const { parseParams, parseQuery } = await import("./input");

const page = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30), before: z.string().optional() });
const request = (query: string) => new NextRequest(`http://localhost/api/x${query}`);

describe("parseQuery", () => {
  it("parses the query string, defaults included", () => {
    expect(parseQuery(request("?limit=5&before=abc"), page)).toEqual({ limit: 5, before: "abc" });
    expect(parseQuery(request(""), page)).toEqual({ limit: 30 });
  });

  it("answers a bad query with VALIDATION_FAILED naming the problem, or the route's message", () => {
    expect(() => parseQuery(request("?limit=0"), page)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", status: 400, message: expect.stringMatching(/^limit: /) }));
    expect(() => parseQuery(request("?limit=x"), page, "Invalid page request.")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: "Invalid page request." }),
    );
  });
});

describe("parseParams", () => {
  const ids = z.object({ roomId: z.string().regex(/^\w+$/), versionId: z.string().min(1) });

  it("parses path segments", () => {
    expect(parseParams(ids, { roomId: "r1", versionId: "v1" }, "No such version.")).toEqual({ roomId: "r1", versionId: "v1" });
  });

  it("answers a malformed segment with NOT_FOUND: it names nothing that exists", () => {
    expect(() => parseParams(ids, { roomId: "../x", versionId: "v1" }, "No such version.")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND", status: 404, message: "No such version." }),
    );
  });
});
