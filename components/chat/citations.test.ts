import { describe, expect, it } from "vitest";
import { parseChatFailure } from "./chat-errors";
import { citationSource, linkCitations, passageHref } from "./citations";

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

describe("citation sources", () => {
  const runbook = { citation: 1, passageId: "9", documentName: 'run "book".md' };

  it("names the document with its page or lines", () => {
    expect(citationSource({ ...runbook, page: 3 })).toBe('run "book".md · p. 3');
    expect(citationSource({ ...runbook, lineStart: 4, lineEnd: 9 })).toBe('run "book".md · lines 4–9');
    expect(citationSource({ ...runbook, lineStart: 4, lineEnd: 4 })).toBe('run "book".md · line 4');
    expect(citationSource({ citation: 1, passageId: "9" })).toBeNull();
  });

  it("titles inline links with the source and passes the matched words on", () => {
    expect(linkCitations("Ships [1].", [{ ...runbook, page: 2, terms: ["zephyr", "ship"] }])).toBe(
      'Ships [\\[1\\]](/knowledge/passages/9?q=zephyr%20ship "run \\"book\\".md · p. 2").',
    );
    expect(passageHref("9")).toBe("/knowledge/passages/9");
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
