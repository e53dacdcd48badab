/**
 * The hosted models we offer, curated by hand (November 2026). Only models that serve the
 * Chat Completions / Messages streaming APIs we call. Context windows come from the providers'
 * model pages; where a model also has a larger beta window, the standard one is listed.
 */
export interface KnownModel {
  id: string;
  label: string;
  contextWindow: number;
}

export const OPENAI_MODELS: readonly KnownModel[] = [
  { id: "gpt-5.5", label: "GPT-5.5", contextWindow: 1_050_000 },
  { id: "gpt-5.4", label: "GPT-5.4", contextWindow: 1_050_000 },
  { id: "gpt-5.4-mini", label: "GPT-5.4 mini", contextWindow: 400_000 },
  { id: "gpt-5.4-nano", label: "GPT-5.4 nano", contextWindow: 400_000 },
  { id: "gpt-5.2", label: "GPT-5.2", contextWindow: 400_000 },
  { id: "gpt-5.1", label: "GPT-5.1", contextWindow: 400_000 },
  { id: "gpt-5", label: "GPT-5", contextWindow: 400_000 },
  { id: "gpt-5-mini", label: "GPT-5 mini", contextWindow: 400_000 },
  { id: "gpt-5-nano", label: "GPT-5 nano", contextWindow: 400_000 },
  { id: "gpt-4.1", label: "GPT-4.1", contextWindow: 1_047_576 },
  { id: "gpt-4.1-mini", label: "GPT-4.1 mini", contextWindow: 1_047_576 },
  { id: "gpt-4o-mini", label: "GPT-4o mini", contextWindow: 128_000 },
];

export const ANTHROPIC_MODELS: readonly KnownModel[] = [
  { id: "claude-opus-4-6", label: "Claude Opus 4.6", contextWindow: 200_000 },
  { id: "claude-sonnet-4-6", label: "Claude Sonnet 4.6", contextWindow: 200_000 },
  { id: "claude-opus-4-5", label: "Claude Opus 4.5", contextWindow: 200_000 },
  { id: "claude-sonnet-4-5", label: "Claude Sonnet 4.5", contextWindow: 200_000 },
  { id: "claude-haiku-4-5", label: "Claude Haiku 4.5", contextWindow: 200_000 },
];

/** Used when a model's window is unknown (local and self-hosted models); deliberately modest. */
export const DEFAULT_CONTEXT_WINDOW = 8_192;
