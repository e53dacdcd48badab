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

  it("gives the same count for a long text counted again (it is remembered)", () => {
    const long = "const answer = compute(42); // a line of code\n".repeat(100);
    const first = countTokens(long);
    expect(first).toBeGreaterThan(500);
    expect(countTokens(long)).toBe(first);
    expect(countTokens(`${long}x`)).toBeGreaterThanOrEqual(first);
  });

  it("adds the per-message overhead for chat messages", () => {
    expect(countMessageTokens({ content: "hello world" })).toBe(2 + MESSAGE_OVERHEAD_TOKENS);
  });
});
