/** The AI chat domain: conversations, messages, feedback, settings and one streamed turn. */
export {
  createConversation,
  deleteConversation,
  listConversations,
  renameConversation,
  requireConversation,
  roomConversation,
  type ConversationPage,
  type ConversationSummary,
} from "./conversations";
export { setFeedback } from "./feedback";
export { loadMessages, type StoredMessage } from "./messages";
export type { PassageQuery, PassageSource } from "./passage-source";
export { chatRequestSchema, type ChatRequest } from "./request";
export { feedbackInputSchema, titleSchema, type Citation, type FeedbackInput } from "./schemas";
export { getChatSettings, pickDefaultModel, saveChatSettings, type ChatSettings } from "./settings";
export { beginChatTurn, startChatTurn, type BegunChatTurn, type ChatTurnDeps, type ChatTurnInput } from "./turn";
export type { TurnFailure, TurnWriter } from "./turn-writer";
export { toUIMessages, type ChatMessageMetadata, type ChatUIMessage } from "./ui-message";
