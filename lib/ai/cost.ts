import { parseModelRef, type ModelRef } from "./model-ref";

export interface ModelPrice {
  /** USD per 1M input tokens. */
  input: number;
  /** USD per 1M output tokens. */
  output: number;
}

/**
 * ESTIMATES, not billing data: standard (non-batch, non-cached) list prices in USD per 1M tokens,
 * as published by OpenAI and Anthropic and last reviewed on 2026-11-22. Models whose price we
 * could not confirm are left out on purpose, so they read as unknown rather than wrong.
 */
const OPENAI_PRICES: Record<string, ModelPrice> = {
  "gpt-5.2": { input: 1.75, output: 14 },
  "gpt-5.1": { input: 1.25, output: 10 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  o3: { input: 2, output: 8 },
  "o4-mini": { input: 1.1, output: 4.4 },
};

const ANTHROPIC_PRICES: Record<string, ModelPrice> = {
  "claude-opus-4-6": { input: 5, output: 25 },
  "claude-opus-4-5": { input: 5, output: 25 },
  "claude-opus-4-1": { input: 15, output: 75 },
  "claude-opus-4-0": { input: 15, output: 75 },
  "claude-sonnet-4-6": { input: 3, output: 15 },
  "claude-sonnet-4-5": { input: 3, output: 15 },
  "claude-sonnet-4-0": { input: 3, output: 15 },
  "claude-haiku-4-5": { input: 1, output: 5 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
};

// Dated snapshots cost what their alias costs: gpt-4.1-2025-04-14, claude-sonnet-4-5-20250929.
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/** Price per 1M tokens; 0 for local Ollama models; null when unknown. */
export function priceOf(ref: ModelRef): ModelPrice | null {
  const { provider, modelId } = parseModelRef(ref);
  if (provider === "ollama") return { input: 0, output: 0 };
  const table = provider === "openai" ? OPENAI_PRICES : provider === "anthropic" ? ANTHROPIC_PRICES : undefined;
  if (!table) return null;
  return table[modelId] ?? table[modelId.replace(SNAPSHOT_SUFFIX, "")] ?? null;
}

export interface CostEstimate {
  inputUsd: number;
  outputUsd: number;
  totalUsd: number;
}

/** Estimated USD cost of one request, or null when the model's price is unknown. */
export function estimateCost(ref: ModelRef, usage: { inputTokens: number; outputTokens: number }): CostEstimate | null {
  const price = priceOf(ref);
  if (!price) return null;
  const inputUsd = (usage.inputTokens * price.input) / 1_000_000;
  const outputUsd = (usage.outputTokens * price.output) / 1_000_000;
  return { inputUsd, outputUsd, totalUsd: inputUsd + outputUsd };
}
