import { describe, expect, it } from "vitest";
import { chatRequestSchema } from "./request";
import { searchResultsAnswer } from "./search-results";

describe("searchResultsAnswer", () => {
  it("labels the passages as search results with their citations and sources", () => {
    const text = searchResultsAnswer([
      { id: "b", citation: 2, text: "second", source: { documentName: "b.md" } },
      { id: "a", citation: 1, text: "first\nline", source: { documentName: "a.pdf", page: 3 } },
    ]);
    expect(text).toMatch(/^\*\*Search results\*\*/);
    expect(text.indexOf("[1]")).toBeLessThan(text.indexOf("[2]"));
    expect(text).toContain("a.pdf, p. 3\n\n> first\n> line");
  });
});

describe("chatRequestSchema", () => {
  const base = { id: "conv1", trigger: "submit-message", model: "ollama:llama3.1:8b" };

  it("takes the text of the newest user message", () => {
    const parsed = chatRequestSchema.parse({
      ...base,
      message: { id: "m1", role: "user", parts: [{ type: "text", text: " Hi " }, { type: "file", url: "x" }] },
    });
    expect(parsed).toMatchObject({ conversationId: "conv1", trigger: { kind: "submit", messageId: "m1", text: "Hi" }, model: "ollama:llama3.1:8b", roomId: null });
  });

  it("refuses empty messages, bad ids and unknown providers", () => {
    expect(chatRequestSchema.safeParse({ ...base, message: { id: "m1", role: "user", parts: [] } }).success).toBe(false);
    expect(chatRequestSchema.safeParse({ ...base, id: "../x" }).success).toBe(false);
    expect(chatRequestSchema.safeParse({ ...base, trigger: "regenerate-message", model: "acme:x" }).success).toBe(false);
    expect(chatRequestSchema.parse({ ...base, trigger: "regenerate-message" }).trigger).toEqual({ kind: "regenerate" });
  });

  it("refuses a lone UTF-16 surrogate in the message or the editor context, naming the message", () => {
    const message = (text: string) => ({ id: "m1", role: "user", parts: [{ type: "text", text }] });
    const broken = chatRequestSchema.safeParse({ ...base, message: message("half \ud83d emoji") });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues[0]?.message).toMatch(/broken character/);
    expect(chatRequestSchema.safeParse({ ...base, message: message("whole \ud83d\ude00 emoji") }).success).toBe(true);
    const editorContext = { filePath: "a.ts", content: "x = '\udc00'" };
    expect(chatRequestSchema.safeParse({ ...base, message: message("hi"), editorContext }).success).toBe(false);
  });
});
