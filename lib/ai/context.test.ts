import { describe, expect, it } from "vitest";
import { assembleContext, type HistoryMessage } from "./context";
import type { RetrievedPassage } from "./retrieved-passages";
import { countTokens } from "./tokens";

const words = (n: number, word = "alpha") => Array.from({ length: n }, () => word).join(" ");

/** Turns of a user question and an assistant answer, ~`size` tokens each, oldest first. */
function conversation(turns: number, size = 100): HistoryMessage[] {
  return Array.from({ length: turns }, (_, i): HistoryMessage[] => [
    { role: "user", content: `Question ${i}: ${words(size / 2)}` },
    { role: "assistant", content: `Answer ${i}: ${words(size / 2, "beta")}` },
  ]).flat();
}

const passages: RetrievedPassage[] = [
  { id: "p1", citation: 1, text: "Run npm ci before building.", source: { documentName: "Handbook.pdf", page: 4, headingPath: ["Setup", "Install"] } },
  { id: "p2", citation: 2, text: "Deploys go out on Tuesdays.", source: { documentName: "ops.md", lineStart: 10, lineEnd: 14 } },
];

const base = { systemPrompt: "You are the team's coding assistant.", userMessage: "How do I build it?", reservedOutputTokens: 1_000 };

describe("assembleContext", () => {
  it("includes everything when it fits, with numbered citations", () => {
    const { messages, report } = assembleContext({
      ...base,
      history: conversation(2),
      passages,
      editor: { filePath: "src/app.ts", language: "typescript", content: "const a = 1;\nconst b = 2;", selection: { startLine: 2, endLine: 2 } },
      contextWindow: 100_000,
    });

    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
    expect(messages.at(-1)).toEqual({ role: "user", content: "How do I build it?" });
    const system = messages[0]!.content;
    expect(system.startsWith("You are the team's coding assistant.")).toBe(true);
    expect(system).toContain("File: src/app.ts (typescript), 2 lines");
    expect(system).toContain("Full file:\n```typescript\nconst a = 1;\nconst b = 2;\n```");
    expect(system).toContain("Selected lines 2–2:\n```typescript\nconst b = 2;\n```");
    expect(system).toContain("[1] Handbook.pdf, p. 4 — Setup › Install\nRun npm ci before building.");
    expect(system).toContain("[2] ops.md, lines 10–14\nDeploys go out on Tuesdays.");
    expect(system).not.toContain("omitted");
    expect(report.history).toEqual({ includedMessages: 4, droppedMessages: 0 });
    expect(report.passages).toEqual({ included: ["p1", "p2"], dropped: [] });
    expect(report.editor).toMatchObject({ mode: "full", totalLines: 2 });
  });

  it("drops the oldest whole turns, never part of a message, and notes how many", () => {
    const history = conversation(20, 100);
    const { messages, report } = assembleContext({ ...base, history, contextWindow: 2_000, reservedOutputTokens: 500 });

    const kept = messages.slice(1, -1);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(history.length);
    expect(kept[0]!.role).toBe("user");
    expect(kept).toEqual(history.slice(history.length - kept.length));
    expect(report.history).toEqual({ includedMessages: kept.length, droppedMessages: history.length - kept.length });
    expect(messages[0]!.content).toContain(`(${history.length - kept.length} earlier messages were omitted`);
    expect(report.usedTokens).toBeLessThanOrEqual(report.budgetTokens);
    expect(report.budgetTokens).toBe(Math.floor(1_500 * 0.95));
  });

  it("keeps a turn's several replies together", () => {
    const history: HistoryMessage[] = [
      { role: "user", content: words(300) },
      { role: "assistant", content: "first part" },
      { role: "user", content: "short question" },
      { role: "assistant", content: "part one" },
      { role: "assistant", content: "part two" },
    ];
    const { messages } = assembleContext({ ...base, history, contextWindow: 400, reservedOutputTokens: 100, safetyMargin: 0 });
    expect(messages.slice(1, -1)).toEqual(history.slice(2));
  });

  it("drops passages that do not fit whole and keeps their citation numbers", () => {
    const big: RetrievedPassage = { id: "big", citation: 1, text: words(4_000), source: { documentName: "big.pdf" } };
    const small: RetrievedPassage = { ...passages[1]!, citation: 2 };
    const { messages, report } = assembleContext({ ...base, history: [], passages: [small, big], contextWindow: 4_000 });
    expect(report.passages).toEqual({ included: ["p2"], dropped: ["big"] });
    expect(messages[0]!.content).toContain("[2] ops.md");
    expect(messages[0]!.content).not.toContain("big.pdf");
  });

  it("shows a window around the selection when the file is too big", () => {
    const content = Array.from({ length: 2_000 }, (_, i) => `const line${i + 1} = ${i + 1}; // ${words(8, "filler")}`).join("\n");
    const { messages, report } = assembleContext({
      ...base,
      history: [],
      editor: { filePath: "big.ts", language: "ts", content, selection: { startLine: 1_000, endLine: 1_002 } },
      contextWindow: 8_000,
    });
    const system = messages[0]!.content;
    expect(report.editor?.mode).toBe("window");
    const { start, end } = report.editor!.shownLines!;
    expect(start).toBeLessThan(1_000);
    expect(end).toBeGreaterThan(1_002);
    expect(end - start).toBeLessThan(1_999);
    expect(system).toContain(`Lines ${start}–${end} of 2000:`);
    expect(system).toContain("Selected lines 1000–1002:\n```ts\nconst line1000 = 1000;");
    expect(system).not.toContain("const line1 = 1;");
    expect(report.usedTokens).toBeLessThanOrEqual(report.budgetTokens);
  });

  it("limits the editor to its share when the history needs the room, and lets it use what is spare", () => {
    const content = Array.from({ length: 2_000 }, (_, i) => `const line${i + 1} = ${i + 1};`).join("\n");
    const editor = { filePath: "big.ts", content, selection: { startLine: 1_000, endLine: 1_000 } };
    const crowded = assembleContext({ ...base, history: conversation(40), editor, contextWindow: 8_000 });
    const free = crowded.report.budgetTokens - crowded.report.tokens.system - 4 - crowded.report.tokens.userMessage - 32;
    expect(crowded.report.tokens.editor).toBeLessThanOrEqual(Math.floor(free * 0.4));
    expect(crowded.report.history.includedMessages).toBeGreaterThan(0);

    const alone = assembleContext({ ...base, history: [], editor, contextWindow: 8_000 });
    expect(alone.report.tokens.editor).toBeGreaterThan(Math.floor(free * 0.4));
    expect(alone.report.usedTokens).toBeLessThanOrEqual(alone.report.budgetTokens);
  });

  it("shows the start of a big file when nothing is selected", () => {
    const content = Array.from({ length: 3_000 }, (_, i) => `line ${i + 1}`).join("\n");
    const { report, messages } = assembleContext({ ...base, history: [], editor: { filePath: "log.txt", content }, contextWindow: 4_000 });
    expect(report.editor).toMatchObject({ mode: "window", shownLines: { start: 1 } });
    expect(messages[0]!.content).toContain("line 1\nline 2\n");
  });

  it("truncates a selection that alone is too big", () => {
    const content = Array.from({ length: 5_000 }, (_, i) => `x${i} = ${words(5)}`).join("\n");
    const { report, messages } = assembleContext({
      ...base,
      history: [],
      editor: { filePath: "data.py", content, selection: { startLine: 1, endLine: 5_000 } },
      contextWindow: 4_000,
    });
    expect(report.editor).toMatchObject({ mode: "selection", selectionTruncated: true });
    expect(messages[0]!.content).toContain("… (selection truncated)");
    expect(report.usedTokens).toBeLessThanOrEqual(report.budgetTokens);
  });

  it("refuses a user message that cannot fit at all", () => {
    expect(() => assembleContext({ ...base, userMessage: words(5_000), history: [], contextWindow: 4_000 })).toThrow(
      expect.objectContaining({ code: "PAYLOAD_TOO_LARGE" }),
    );
  });

  it("counts what it reports", () => {
    const { messages, report } = assembleContext({ ...base, history: conversation(3), passages, contextWindow: 50_000 });
    expect(report.tokens.userMessage).toBe(countTokens(base.userMessage) + 4);
    expect(report.usedTokens).toBe(messages.reduce((sum, m) => sum + countTokens(m.content) + 4, 0));
  });
});
