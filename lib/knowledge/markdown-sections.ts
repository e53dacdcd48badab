/** A heading with everything up to the next heading, or the text before the first heading (empty path). */
export interface MarkdownSection {
  headingPath: string[];
  /** [start, end) in the Markdown text; starts at the heading line. */
  start: number;
  end: number;
  /** Where the text under the heading begins (after its line, or its setext underline). */
  bodyStart: number;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Lines that cannot be the text of a setext heading. */
const NOT_PARAGRAPH = /^ {0,3}(?:[-*+>#|]|\d+[.)]\s|`{3}|~{3})/;

interface Line {
  text: string;
  start: number;
}

/** Splits Markdown at ATX (`## Title`) and setext (`Title` / `===`) headings, ignoring fenced code. */
export function markdownSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  const stack: { level: number; title: string }[] = [];
  let current: MarkdownSection = { headingPath: [], start: 0, end: markdown.length, bodyStart: 0 };
  const open = (level: number, title: string, start: number, headingLine: Line) => {
    current.end = start;
    if (current.end > current.start) sections.push(current);
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ level, title });
    const bodyStart = Math.min(markdown.length, headingLine.start + headingLine.text.length + 1);
    current = { headingPath: stack.map((heading) => heading.title), start, end: markdown.length, bodyStart };
  };

  const lines = splitLines(markdown);
  let fence: string | null = null;
  lines.forEach((line, index) => {
    const fenceMatch = FENCE.exec(line.text);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = null;
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      return;
    }
    const atx = ATX_HEADING.exec(line.text);
    if (atx) {
      open(atx[1]!.length, headingTitle(atx[2] ?? ""), line.start, line);
      return;
    }
    const previous = lines[index - 1];
    const beforePrevious = lines[index - 2];
    const underline = SETEXT_UNDERLINE.exec(line.text);
    if (
      underline &&
      previous &&
      previous.text.trim() !== "" &&
      !NOT_PARAGRAPH.test(previous.text) &&
      (!beforePrevious || beforePrevious.text.trim() === "")
    ) {
      open(underline[1]![0] === "=" ? 1 : 2, headingTitle(previous.text), previous.start, line);
    }
  });
  if (current.end > current.start) sections.push(current);
  return sections;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const content of text.split("\n")) {
    lines.push({ text: content, start });
    start += content.length + 1;
  }
  return lines;
}

/** Heading text without Markdown decoration: emphasis markers, code ticks and link targets. */
function headingTitle(raw: string): string {
  return raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/`([^`]*)`/g, "$1")
    .trim();
}
