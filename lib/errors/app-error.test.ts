import { describe, expect, it } from "vitest";
import { AppError, publicError } from "./app-error";

describe("publicError", () => {
  it("passes app errors through with their status and code", () => {
    const { status, body } = publicError(new AppError("NOT_FOUND", "No such user."), "req-1");
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "NOT_FOUND", message: "No such user.", requestId: "req-1", details: undefined });
  });

  it("hides everything about unknown errors", () => {
    const { status, body } = publicError(new Error("ECONNREFUSED postgresql://admin:hunter2@db"), "req-2");
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(body.error.code).toBe("INTERNAL");
  });
});
