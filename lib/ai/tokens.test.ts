import { describe, expect, it } from "vitest";
import { countMessageTokens, countTokens, MESSAGE_OVERHEAD_TOKENS } from "./tokens";

describe("countTokens", () => {
  it("counts o200k tokens offline", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("hello world")).toBe(2);
  });

  it("counts special-token lookalikes in user text as plain text instead of throwing", () => {
    expect(countTokens("see <|endoftext|> here")).toBeGreaterThan(3);
  });

  it("adds the per-message overhead for chat messages", () => {
    expect(countMessageTokens({ content: "hello world" })).toBe(2 + MESSAGE_OVERHEAD_TOKENS);
  });
});
