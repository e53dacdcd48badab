import { describe, expect, it } from "vitest";
import { utf8 } from "../test-fixtures";
import { extractHtml, htmlToMarkdown } from "./html";

describe("htmlToMarkdown", () => {
  it("drops title, scripts and styles and keeps headings as Markdown", () => {
    const html = `<!doctype html><html><head><title>Browser Tab Title</title>
      <style>body { color: red }</style><script>trackVisitor()</script></head>
      <body><h1>Guide</h1><p>Read <b>this</b> first.</p><script>alert("x")</script>
      <h2>Install</h2><ul><li>npm i</li><li>run it</li></ul>
      <pre><code>const a = 1;</code></pre><img src="a.png" alt="Architecture diagram"><noscript>Enable JS</noscript></body></html>`;
    const markdown = htmlToMarkdown(html);
    expect(markdown).toBe(
      "# Guide\n\nRead **this** first.\n\n## Install\n\n-   npm i\n-   run it\n\n```\nconst a = 1;\n```\n\nArchitecture diagram",
    );
    for (const hidden of ["Browser Tab Title", "trackVisitor", "alert", "color: red", "Enable JS"]) {
      expect(markdown).not.toContain(hidden);
    }
  });

  it("keeps table rows together", () => {
    const html =
      "<p>Prices:</p><table><thead><tr><th>Item</th><th>Cost</th></tr></thead>" +
      "<tbody><tr><td><p>Green\napple</p></td><td>1</td></tr></tbody></table><p>Done.</p>";
    expect(htmlToMarkdown(html)).toBe("Prices:\n\n| Item | Cost |\n| Green apple | 1 |\n\nDone.");
  });

  it("does not add Markdown escapes to the text", () => {
    expect(htmlToMarkdown("<p>1. use *args and snake_case</p>")).toBe("1. use *args and snake_case");
  });
});

describe("extractHtml", () => {
  it("produces Markdown-structured text without source line numbers", () => {
    const doc = extractHtml(utf8("<h1>A</h1><p>b</p>"), "utf-8");
    expect(doc).toEqual({ kind: "html", text: "# A\n\nb", structure: "markdown", sourceLines: false });
  });
});
