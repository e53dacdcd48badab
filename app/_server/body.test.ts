import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { readJsonBody } = await import("./body");

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/x", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe("readJsonBody", () => {
  it("reads a JSON body within the limit", async () => {
    await expect(readJsonBody(post('{"a":[1,2]}'), 1024)).resolves.toEqual({ a: [1, 2] });
  });

  it("refuses a body over the limit, declared or streamed", async () => {
    const big = JSON.stringify({ text: "x".repeat(2048) });
    await expect(readJsonBody(post(big), 1024)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    await expect(readJsonBody(post("{}", { "content-length": "999999" }), 1024)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("answers text that is not JSON with VALIDATION_FAILED", async () => {
    await expect(readJsonBody(post("{not json"), 1024)).rejects.toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
  });
});
