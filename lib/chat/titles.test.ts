import { describe, expect, it } from "vitest";
import { titleFromMessage } from "./titles";

describe("titleFromMessage", () => {
  it("takes the first words of the first line without Markdown", () => {
    expect(titleFromMessage("## Fix the *parser*\nmore text")).toBe("Fix the parser");
    expect(titleFromMessage("one two three four five six seven eight nine ten")).toBe("one two three four five six seven eight…");
  });

  it("skips code blocks and falls back to the default title", () => {
    expect(titleFromMessage("```ts\nconst x = 1;\n```\nWhy does this fail?")).toBe("Why does this fail?");
    expect(titleFromMessage("```\n```")).toBe("New chat");
  });

  it("never exceeds the title limit, even for one long word", () => {
    expect(titleFromMessage("x".repeat(500)).length).toBeLessThanOrEqual(80);
  });

  it("keeps code identifiers as written", () => {
    expect(titleFromMessage("What is ASN1_MAX_NAME_SIZE for?")).toBe("What is ASN1_MAX_NAME_SIZE for?");
    expect(titleFromMessage("Rename my_var_name to snake_case")).toBe("Rename my_var_name to snake_case");
    expect(titleFromMessage("Why is a*b slower than a * b?")).toBe("Why is a*b slower than a * b?");
    expect(titleFromMessage("What does __init__ do?")).toBe("What does __init__ do?");
    expect(titleFromMessage("Is 2*3*4 constant folded?")).toBe("Is 2*3*4 constant folded?");
  });

  it("keeps the text of code spans, markup inside them included", () => {
    expect(titleFromMessage("Explain `ASN1_MAX_NAME_SIZE` please")).toBe("Explain ASN1_MAX_NAME_SIZE please");
    expect(titleFromMessage("Why does `**kwargs` fail")).toBe("Why does **kwargs fail");
    expect(titleFromMessage("Call `fn(a, b)` twice")).toBe("Call fn(a, b) twice");
  });

  it("drops emphasis, headings, quotes, list markers and link targets", () => {
    expect(titleFromMessage("**Bold** and _soft_ and ~~gone~~ words")).toBe("Bold and soft and gone words");
    expect(titleFromMessage("> - ***very*** important, __really so__")).toBe("very important, really so");
    expect(titleFromMessage("See [the docs](https://example.com/a_b) now")).toBe("See the docs now");
    expect(titleFromMessage("1. Fix *the parser's* bug")).toBe("Fix the parser's bug");
  });
});
