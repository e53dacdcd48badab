import { describe, expect, it } from "vitest";
import { formatModelRef, parseModelRef, toModelRef } from "./model-ref";

describe("model refs", () => {
  it("splits on the first colon, so Ollama tags keep theirs", () => {
    expect(parseModelRef("ollama:llama3.1:8b")).toEqual({ provider: "ollama", modelId: "llama3.1:8b" });
    expect(parseModelRef("openai-compatible:Qwen/Qwen3-Coder-30B")).toEqual({ provider: "openai-compatible", modelId: "Qwen/Qwen3-Coder-30B" });
  });

  it("formats back to the same string", () => {
    expect(formatModelRef({ provider: "anthropic", modelId: "claude-sonnet-4-5" })).toBe("anthropic:claude-sonnet-4-5");
    expect(toModelRef("  openai:gpt-5 ")).toBe("openai:gpt-5");
  });

  it.each([
    ["gpt-5", /provider:modelId/],
    ["google:gemini", /unknown provider "google"/],
    ["openai:", /model id is empty/],
    ["openai:gpt 5", /not allowed/],
  ])("rejects %j as VALIDATION_FAILED", (value, message) => {
    expect(() => parseModelRef(value)).toThrow(message);
    expect(() => parseModelRef(value)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});
