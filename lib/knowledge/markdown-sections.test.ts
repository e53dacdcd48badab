import { describe, expect, it } from "vitest";
import { markdownSections } from "./markdown-sections";

const paths = (markdown: string) => markdownSections(markdown).map((section) => section.headingPath);

describe("markdownSections", () => {
  it("nests ATX headings into paths and keeps the text before the first heading", () => {
    const markdown = "Intro\n# Guide\ntext\n## Install\nsteps\n### Linux\napt\n## Usage\nrun\n# Appendix\n";
    expect(paths(markdown)).toEqual([
      [],
      ["Guide"],
      ["Guide", "Install"],
      ["Guide", "Install", "Linux"],
      ["Guide", "Usage"],
      ["Appendix"],
    ]);
    const sections = markdownSections(markdown);
    expect(markdown.slice(sections[2]!.start, sections[2]!.end)).toBe("## Install\nsteps\n");
    expect(markdown.slice(sections[2]!.bodyStart, sections[2]!.end)).toBe("steps\n");
    expect(sections[0]!.bodyStart).toBe(0);
    expect(sections.at(-1)!.end).toBe(markdown.length);
  });

  it("ignores # lines inside fenced code", () => {
    expect(paths("# Setup\n```bash\n# not a heading\n```\n~~~\n## nor this\n~~~\n## Real\n")).toEqual([["Setup"], ["Setup", "Real"]]);
  });

  it("understands setext headings but not thematic breaks or front matter", () => {
    const markdown = "---\ntitle: x\n---\n\nTitle\n=====\n\ntext\n\n---\n\nSub\n---\nmore\n";
    expect(paths(markdown)).toEqual([[], ["Title"], ["Title", "Sub"]]);
    const sub = markdownSections(markdown)[2]!;
    expect(markdown.slice(sub.start, sub.bodyStart)).toBe("Sub\n---\n");
    expect(markdown.slice(sub.bodyStart, sub.end)).toBe("more\n");
  });

  it("cleans Markdown decoration and closing hashes from titles", () => {
    expect(paths("## **Bold** `code` [link](http://x) ##\n")).toEqual([["Bold code link"]]);
  });
});
