import { describe, expect, it } from "vitest";
import { estimateCost, priceOf } from "./cost";

describe("estimateCost", () => {
  it("prices known OpenAI and Anthropic models per million tokens", () => {
    expect(estimateCost("openai:gpt-5", { inputTokens: 1_000_000, outputTokens: 100_000 })).toEqual({
      inputUsd: 1.25,
      outputUsd: 1,
      totalUsd: 2.25,
    });
    expect(estimateCost("anthropic:claude-sonnet-4-5", { inputTokens: 2_000, outputTokens: 1_000 })?.totalUsd).toBeCloseTo(0.021, 10);
  });

  it("prices dated snapshots like their alias", () => {
    expect(priceOf("anthropic:claude-sonnet-4-5-20250929")).toEqual(priceOf("anthropic:claude-sonnet-4-5"));
    expect(priceOf("openai:gpt-4.1-2025-04-14")).toEqual({ input: 2, output: 8 });
  });

  it("costs nothing on Ollama", () => {
    expect(estimateCost("ollama:llama3.1:8b", { inputTokens: 5_000, outputTokens: 5_000 })).toEqual({ inputUsd: 0, outputUsd: 0, totalUsd: 0 });
  });

  it("says unknown (null) for models without a known price", () => {
    expect(estimateCost("openai:gpt-unreleased", { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(estimateCost("openai-compatible:gpt-5", { inputTokens: 1, outputTokens: 1 })).toBeNull();
  });
});
