/** The AI chat domain: what the route handler, health check and UI data layer use. */
export { createModelCatalogue, contextWindowOf, type CatalogueModel, type CatalogueResult, type ModelCatalogue } from "./catalogue";
export type { ChatMessage } from "./chat-messages";
export { assembleContext, type AssembledContext, type ContextInput, type ContextReport, type HistoryMessage } from "./context";
export { estimateCost, priceOf, type CostEstimate, type ModelPrice } from "./cost";
export type { EditorContext } from "./editor-context";
export { aiHealthCheck } from "./health";
export { formatModelRef, modelRefSchema, parseModelRef, toModelRef, PROVIDER_IDS, type ModelRef, type ProviderId } from "./model-ref";
export { createLanguageModel } from "./models";
export { assertProviderConfigured, describeProviderSetup, type ProviderSetupStatus } from "./provider-config";
export type { BreakerSnapshot, BreakerState } from "./resilience/circuit-breaker";
export type { RetrievedPassage } from "./retrieved-passages";
export { createAiRuntime, type AiRuntime } from "./runtime";
export { streamChat, type ChatEvent, type StreamChatDeps, type StreamChatRequest, type TokenUsage } from "./stream-chat";
export { countTokens } from "./tokens";
