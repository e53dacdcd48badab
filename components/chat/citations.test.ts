import { describe, expect, it } from "vitest";
import { parseChatFailure } from "./chat-errors";
import { linkCitations } from "./citations";

describe("linkCitations", () => {
  const citations = [
    { citation: 1, passageId: "p-1" },
    { citation: 2, passageId: "p 2" },
  ];

  it("links known markers to their passages and leaves unknown ones", () => {
    expect(linkCitations("Use make [1][2], not [3].", citations)).toBe(
      "Use make [\\[1\\]](/knowledge/passages/p-1)[\\[2\\]](/knowledge/passages/p%202), not [3].",
    );
  });

  it("leaves code and existing links alone", () => {
    const text = "See `arr[1]` and\n```\nx[1]\n```\n[1](http://a) [1]";
    expect(linkCitations(text, citations)).toBe("See `arr[1]` and\n```\nx[1]\n```\n[1](http://a) [\\[1\\]](/knowledge/passages/p-1)");
  });
});

describe("parseChatFailure", () => {
  it("reads HTTP error bodies and stream error chunks", () => {
    const http = new Error(JSON.stringify({ error: { code: "RATE_LIMITED", message: "Slow down", details: { retryAfterSeconds: 7 } } }));
    expect(parseChatFailure(http)).toEqual({ code: "RATE_LIMITED", message: "Slow down", retryAfterSeconds: 7 });
    expect(parseChatFailure(new Error('{"code":"AI_PROVIDER_FAILED","message":"All failed","retryable":true}'))).toEqual({
      code: "AI_PROVIDER_FAILED",
      message: "All failed",
    });
    expect(parseChatFailure(new Error("Failed to fetch"))?.code).toBe("NETWORK");
    expect(parseChatFailure(undefined)).toBeNull();
  });
});
