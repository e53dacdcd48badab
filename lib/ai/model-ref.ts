import { z } from "zod";
import { AppError } from "../errors/app-error";

export const PROVIDER_IDS = ["openai", "anthropic", "ollama", "openai-compatible"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** A model as the product names it: `provider:modelId`, e.g. `openai:gpt-5` or `ollama:llama3.1:8b`. */
export type ModelRef = `${ProviderId}:${string}`;

export interface ParsedModelRef {
  provider: ProviderId;
  modelId: string;
}

const providerSchema = z.enum(PROVIDER_IDS);
// Ollama tags contain ':' and '/', hosted ids contain '.', '-' and '@'; whitespace never appears.
const modelIdSchema = z
  .string()
  .min(1, "model id is empty")
  .max(200, "model id is too long")
  .regex(/^[\w.:/@+-]+$/, "model id has characters that are not allowed");

function splitRef(value: string): { provider: string; modelId: string } | undefined {
  const at = value.indexOf(":");
  return at < 0 ? undefined : { provider: value.slice(0, at), modelId: value.slice(at + 1) };
}

/** Zod schema for a model ref string; parses to `{ provider, modelId }`. */
export const modelRefSchema = z.string().transform((value, ctx): ParsedModelRef => {
  const parts = splitRef(value.trim());
  if (!parts) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not of the form provider:modelId` });
    return z.NEVER;
  }
  const provider = providerSchema.safeParse(parts.provider);
  if (!provider.success) {
    ctx.addIssue({ code: "custom", message: `unknown provider "${parts.provider}" (expected ${PROVIDER_IDS.join(", ")})` });
    return z.NEVER;
  }
  const modelId = modelIdSchema.safeParse(parts.modelId);
  if (!modelId.success) {
    ctx.addIssue({ code: "custom", message: `${modelId.error.issues[0]?.message ?? "invalid model id"} in "${value}"` });
    return z.NEVER;
  }
  return { provider: provider.data, modelId: modelId.data };
});

/** Parses `provider:modelId`; throws a VALIDATION_FAILED AppError saying what is wrong. */
export function parseModelRef(value: string): ParsedModelRef {
  const result = modelRefSchema.safeParse(value);
  if (!result.success) {
    throw new AppError("VALIDATION_FAILED", `Invalid model: ${result.error.issues[0]?.message ?? value}`, { model: value });
  }
  return result.data;
}

export function formatModelRef(ref: ParsedModelRef): ModelRef {
  return `${ref.provider}:${ref.modelId}`;
}

/** Normalises a ref string (trims it) or throws like parseModelRef. */
export function toModelRef(value: string): ModelRef {
  return formatModelRef(parseModelRef(value));
}

export function providerOf(ref: ModelRef): ProviderId {
  return parseModelRef(ref).provider;
}
