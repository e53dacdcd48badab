import { describe, expect, it } from "vitest";
import { isWellFormedText, userText } from "./text";

describe("userText", () => {
  it("agrees with String.prototype.isWellFormed", () => {
    const samples = ["", "plain", "emoji \ud83d\ude00", "\ud800", "a\udc00b", "\ud83d", "\ude00\ud83d", "\u00e9\u4e2d"];
    for (const sample of samples) {
      expect(isWellFormedText(sample)).toBe((sample as unknown as { isWellFormed(): boolean }).isWellFormed());
    }
  });

  it("refuses lone surrogates and keeps the string checks chained after it", () => {
    const schema = userText().trim().min(1).max(5);
    expect(schema.safeParse("\ud800").success).toBe(false);
    expect(schema.parse("  \ud83d\ude00  ")).toBe("\ud83d\ude00");
    expect(schema.safeParse("toolong").success).toBe(false);
  });
});
