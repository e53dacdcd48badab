import { countTokens } from "./tokens";

/** What the user has open in the editor when asking. */
export interface EditorContext {
  filePath: string;
  language?: string;
  /** The whole file. */
  content: string;
  /** 1-based and inclusive. `text` when only part of a line is selected; otherwise the lines themselves. */
  selection?: { startLine: number; endLine: number; text?: string };
}

export interface EditorSection {
  text: string;
  tokens: number;
  /** full file, a window of lines around the selection, only the selection, or nothing fitted. */
  mode: "full" | "window" | "selection" | "omitted";
  /** File lines shown, for full and window. */
  shownLines?: { start: number; end: number };
  totalLines: number;
  selectionTruncated: boolean;
}

interface Selection {
  start: number;
  end: number;
  text: string;
}

function fence(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longestRun + 1));
}

/** Formats the editor context within `maxTokens`: the full file if it fits, else a window around the selection. */
export function buildEditorSection(editor: EditorContext, maxTokens: number): EditorSection {
  const lines = editor.content.split("\n");
  const totalLines = lines.length;
  const language = editor.language ?? "";
  const header = `## Editor context\nFile: ${editor.filePath}${language ? ` (${language})` : ""}, ${totalLines} lines`;
  const selection = normaliseSelection(editor.selection, lines);

  const codeBlock = (label: string, code: string) => {
    const f = fence(code);
    return `${label}\n${f}${language}\n${code}\n${f}`;
  };
  const selectionBlock = (s: Selection, text = s.text) => codeBlock(`Selected lines ${s.start}–${s.end}:`, text);
  const fileBlock = (start: number, end: number) =>
    codeBlock(
      start === 1 && end === totalLines ? "Full file:" : `Lines ${start}–${end} of ${totalLines}:`,
      lines.slice(start - 1, end).join("\n"),
    );
  const compose = (...blocks: string[]) => [header, ...blocks].join("\n\n");
  const sized = (text: string) => ({ text, tokens: countTokens(text) });
  const selectionBlocks = selection ? [selectionBlock(selection)] : [];
  const base = { totalLines, selectionTruncated: false };

  const full = sized(compose(fileBlock(1, totalLines), ...selectionBlocks));
  if (full.tokens <= maxTokens) return { ...base, ...full, mode: "full", shownLines: { start: 1, end: totalLines } };

  const withoutWindow = sized(compose(...selectionBlocks));
  if (withoutWindow.tokens > maxTokens) {
    return truncatedSelection(selection, maxTokens, (s, text) => sized(compose(selectionBlock(s, text))), base);
  }

  // Grow a window outwards from the selection (or down from the top) while the per-line estimate fits.
  const lineCost = lines.map((line) => countTokens(line) + 1);
  const cost = (line: number) => lineCost[line - 1] ?? Number.POSITIVE_INFINITY;
  const blockOverhead = countTokens(`\n\n${fileBlock(totalLines, totalLines)}`) - cost(totalLines);
  const windowBudget = maxTokens - withoutWindow.tokens - blockOverhead;
  let start = selection?.start ?? 1;
  let end = selection?.end ?? 1;
  let spent = lineCost.slice(start - 1, end).reduce((a, b) => a + b, 0);
  for (let grew = true; grew; ) {
    grew = false;
    if (start > 1 && spent + cost(start - 1) <= windowBudget) {
      spent += cost(--start);
      grew = true;
    }
    if (end < totalLines && spent + cost(end + 1) <= windowBudget) {
      spent += cost(++end);
      grew = true;
    }
  }
  let windowed = sized(compose(fileBlock(start, end), ...selectionBlocks));
  const centre = selection ? (selection.start + selection.end) / 2 : 1;
  // Per-line counts only approximate the joined text; trim the far side until it really fits.
  while (windowed.tokens > maxTokens && end > start) {
    if (end - centre >= centre - start) end--;
    else start++;
    windowed = sized(compose(fileBlock(start, end), ...selectionBlocks));
  }
  const windowAddsNothing = selection !== undefined && start >= selection.start && end <= selection.end;
  if (windowed.tokens > maxTokens || windowAddsNothing) {
    return selection ? { ...base, ...withoutWindow, mode: "selection" } : omittedSection(totalLines);
  }
  return { ...base, ...windowed, mode: "window", shownLines: { start, end } };
}

function omittedSection(totalLines: number): EditorSection {
  return { text: "", tokens: 0, mode: "omitted", totalLines, selectionTruncated: false };
}

function normaliseSelection(selection: EditorContext["selection"], lines: string[]): Selection | undefined {
  if (!selection) return undefined;
  const start = Math.min(Math.max(1, selection.startLine), lines.length);
  const end = Math.min(Math.max(start, selection.endLine), lines.length);
  return { start, end, text: selection.text ?? lines.slice(start - 1, end).join("\n") };
}

/** The selection alone is too big: keep as many of its first lines as fit, or nothing. */
function truncatedSelection(
  selection: Selection | undefined,
  maxTokens: number,
  render: (selection: Selection, text: string) => { text: string; tokens: number },
  base: { totalLines: number },
): EditorSection {
  if (!selection) return omittedSection(base.totalLines);
  const selectedLines = selection.text.split("\n");
  const attempt = (count: number) => render(selection, `${selectedLines.slice(0, count).join("\n")}\n… (selection truncated)`);
  let low = 0;
  let high = selectedLines.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (attempt(mid).tokens <= maxTokens) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? omittedSection(base.totalLines) : { ...base, ...attempt(low), mode: "selection", selectionTruncated: true };
}
