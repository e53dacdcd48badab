import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { parseModelRef, type ModelRef } from "./model-ref";
import type { AiConfig } from "../config/ai";
import { notConfiguredError } from "./provider-config";

/** A model as the providers implement it (the AI SDK's language model specification, v3). */
export type ProviderModel = Extract<LanguageModel, { specificationVersion: "v3" }>;

/**
 * The AI SDK model behind a ref. Throws AI_NOT_CONFIGURED when its provider is not set up and
 * VALIDATION_FAILED for a malformed ref; it does not check the catalogue (see ModelCatalogue.find).
 */
export function createLanguageModel(ref: ModelRef, config: AiConfig): ProviderModel {
  const { provider, modelId } = parseModelRef(ref);
  const { openai, anthropic, ollama, "openai-compatible": compatible } = config.providers;
  if (provider === "openai" && openai) {
    return createOpenAI({ apiKey: openai.apiKey, baseURL: openai.baseURL }).chat(modelId);
  }
  if (provider === "anthropic" && anthropic) {
    return createAnthropic({ apiKey: anthropic.apiKey, baseURL: anthropic.baseURL }).languageModel(modelId);
  }
  if (provider === "ollama" && ollama) {
    return createOpenAICompatible({ name: "ollama", baseURL: `${ollama.baseURL}/v1`, includeUsage: true }).chatModel(modelId);
  }
  if (provider === "openai-compatible" && compatible) {
    return createOpenAICompatible({
      name: "openai-compatible",
      baseURL: compatible.baseURL,
      apiKey: compatible.apiKey,
      includeUsage: true,
    }).chatModel(modelId);
  }
  throw notConfiguredError(provider);
}

// Building a model compiles its stream-chunk schemas, a millisecond or more per request; models
// hold no per-request state, so each config keeps its own. Refs come from requests, hence the cap.
const MAX_CACHED_MODELS = 64;
const cachedModels = new WeakMap<AiConfig, Map<ModelRef, ProviderModel>>();

/** createLanguageModel, reusing the model made earlier for the same ref and config. */
export function languageModelFor(ref: ModelRef, config: AiConfig): ProviderModel {
  let models = cachedModels.get(config);
  if (!models) cachedModels.set(config, (models = new Map()));
  let model = models.get(ref);
  if (!model) {
    model = createLanguageModel(ref, config);
    if (models.size >= MAX_CACHED_MODELS) models.clear();
    models.set(ref, model);
  }
  return model;
}
