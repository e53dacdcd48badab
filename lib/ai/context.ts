import { AppError } from "../errors/app-error";
import type { ChatMessage } from "./chat-messages";
import { buildEditorSection, type EditorContext, type EditorSection } from "./editor-context";
import { buildPassagesSection, type RetrievedPassage } from "./retrieved-passages";
import { countMessageTokens, countTokens } from "./tokens";

export type HistoryMessage = ChatMessage & { role: "user" | "assistant" };

export interface ContextInput {
  systemPrompt: string;
  /** Earlier messages of the conversation, oldest first. */
  history: readonly HistoryMessage[];
  /** The message being answered now; always included. */
  userMessage: string;
  editor?: EditorContext;
  passages?: readonly RetrievedPassage[];
  /** The model's context window and the tokens kept free for its answer. */
  contextWindow: number;
  reservedOutputTokens: number;
  /**
   * Shares of the free budget the editor (default 0.4) and the passages (0.3) may take when the
   * sections after them need the room; history gets the rest.
   */
  editorShare?: number;
  passagesShare?: number;
  /** Kept free because our tokenizer only approximates other providers' (default 5%). */
  safetyMargin?: number;
}

export interface ContextReport {
  /** Tokens the prompt may use: window − reserved output − safety margin. */
  budgetTokens: number;
  usedTokens: number;
  tokens: { system: number; editor: number; passages: number; history: number; userMessage: number };
  editor?: Omit<EditorSection, "text" | "tokens">;
  passages: { included: string[]; dropped: string[] };
  history: { includedMessages: number; droppedMessages: number };
}

export interface AssembledContext {
  /** system, then the kept history, then the user's message — ready for streamChat. */
  messages: ChatMessage[];
  report: ContextReport;
}

// Room kept for the "N earlier messages were omitted" note and the joins between sections.
const NOTE_RESERVE_TOKENS = 32;

function omittedNote(count: number): string {
  return `(${count} earlier message${count === 1 ? " was" : "s were"} omitted from this conversation to fit the context window.)`;
}

/** Turns as the user sees them: a user message with the replies after it. */
function splitTurns(history: readonly HistoryMessage[]): HistoryMessage[][] {
  const turns: HistoryMessage[][] = [];
  for (const message of history) {
    const last = turns.at(-1);
    if (message.role === "user" || !last) turns.push([message]);
    else last.push(message);
  }
  return turns;
}

/** Keeps the newest whole turns that fit in `maxTokens`; older ones are dropped entirely. */
function fitHistory(history: readonly HistoryMessage[], maxTokens: number) {
  const kept: HistoryMessage[][] = [];
  let tokens = 0;
  for (const turn of splitTurns(history).reverse()) {
    const cost = turn.reduce((sum, m) => sum + countMessageTokens(m), 0);
    if (tokens + cost > maxTokens) break;
    kept.unshift(turn);
    tokens += cost;
  }
  const messages = kept.flat();
  return { messages, tokens, dropped: history.length - messages.length };
}

/**
 * Builds the prompt for one answer within the model's budget. Priority: the system prompt and
 * the user's message (both required), the editor context, the retrieved passages, and then as
 * much history as fits, newest first, dropping the oldest whole turns.
 */
export function assembleContext(input: ContextInput): AssembledContext {
  const safetyMargin = input.safetyMargin ?? 0.05;
  const budgetTokens = Math.floor((input.contextWindow - input.reservedOutputTokens) * (1 - safetyMargin));
  const systemTokens = countMessageTokens({ content: input.systemPrompt });
  const userTokens = countMessageTokens({ content: input.userMessage });
  const free = budgetTokens - systemTokens - userTokens - NOTE_RESERVE_TOKENS;
  if (free < 0) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The message is too long for this model's context window.", {
      budgetTokens,
      messageTokens: userTokens,
    });
  }

  // Each section may use its share of the free budget, or more when the later ones need less.
  const historyWants = input.history.reduce((sum, m) => sum + countMessageTokens(m), 0);
  const passagesWant = buildPassagesSection(input.passages ?? [], Number.POSITIVE_INFINITY).tokens;
  const editorCap = Math.max(Math.floor(free * (input.editorShare ?? 0.4)), free - historyWants - passagesWant);
  const editor = input.editor ? buildEditorSection(input.editor, editorCap) : undefined;
  const editorTokens = editor?.tokens ?? 0;
  const afterEditor = free - editorTokens;
  const passagesCap = Math.min(afterEditor, Math.max(Math.floor(free * (input.passagesShare ?? 0.3)), afterEditor - historyWants));
  const passages = buildPassagesSection(input.passages ?? [], passagesCap);
  const history = fitHistory(input.history, free - editorTokens - passages.tokens);

  const system = [
    input.systemPrompt,
    editor?.text ?? "",
    passages.text,
    history.dropped > 0 ? omittedNote(history.dropped) : "",
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  const messages: ChatMessage[] = [
    { role: "system", content: system },
    ...history.messages,
    { role: "user", content: input.userMessage },
  ];
  const editorReport = editor && {
    mode: editor.mode,
    shownLines: editor.shownLines,
    totalLines: editor.totalLines,
    selectionTruncated: editor.selectionTruncated,
  };

  return {
    messages,
    report: {
      budgetTokens,
      usedTokens: messages.reduce((sum, m) => sum + countMessageTokens(m), 0),
      tokens: {
        system: countTokens(input.systemPrompt),
        editor: editorTokens,
        passages: passages.tokens,
        history: history.tokens,
        userMessage: userTokens,
      },
      editor: editorReport,
      passages: { included: passages.included, dropped: passages.dropped },
      history: { includedMessages: history.messages.length, droppedMessages: history.dropped },
    },
  };
}
