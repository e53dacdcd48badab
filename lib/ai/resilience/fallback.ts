import { AppError } from "../../errors/app-error";
import { aiLogger } from "../log";
import { providerOf, type ModelRef } from "../model-ref";
import { backoffDelayMs, sleep, type RetryPolicy } from "./backoff";
import type { BreakerRegistry, ModelPermit } from "./breaker-registry";
import { recordProviderError } from "./metrics";
import { classifyProviderError, type FailureKind, type ProviderFailure } from "./provider-errors";

export type SwitchReason = FailureKind | "circuit_open";

export interface AttemptRecord {
  model: ModelRef;
  kind: SwitchReason;
  retryable: boolean;
  status?: number;
}

export interface FallbackOptions<T> {
  /** Models in the order to try them; each is retried before moving on. */
  candidates: readonly ModelRef[];
  /** The model being left and why, when resuming after it failed; defaults to the first candidate. */
  current?: { model: ModelRef; reason: SwitchReason };
  breakers: BreakerRegistry;
  retry: RetryPolicy;
  signal: AbortSignal;
  random?: () => number;
  onSwitch?: (from: ModelRef, to: ModelRef, reason: SwitchReason) => void;
  /** One request to one model. Resolving hands the breaker permit to the caller to settle. */
  run: (model: ModelRef, signal: AbortSignal) => Promise<T>;
}

export interface FallbackSuccess<T> {
  model: ModelRef;
  value: T;
  /** Settle it when the work that `run` started is over (e.g. the stream finished). */
  permit: ModelPermit;
}

/**
 * Classifies a failed request and books it: the error metric, the breaker verdict and a log line.
 * Every failure of a provider request goes through here, before or after its first token.
 */
export function reportAttemptFailure(model: ModelRef, err: unknown, permit: ModelPermit, attempt: number): ProviderFailure {
  const failure = classifyProviderError(err);
  recordProviderError(providerOf(model), failure.kind);
  permit.fail(failure);
  aiLogger.warn(
    { model, attempt, kind: failure.kind, scope: failure.scope, status: failure.status, reason: failure.message },
    "AI request failed",
  );
  return failure;
}

function retryDelayMs(failure: ProviderFailure, retry: number, policy: RetryPolicy, random?: () => number): number | undefined {
  if (!failure.retryable || retry >= policy.maxRetries) return undefined;
  if (failure.retryAfterMs !== undefined) {
    // A provider asking for a long pause is better served by the next model.
    return failure.retryAfterMs <= policy.maxDelayMs ? failure.retryAfterMs : undefined;
  }
  return backoffDelayMs(retry, policy, random);
}

function describe(attempt: AttemptRecord): string {
  if (attempt.kind === "auth") return `${attempt.model}: HTTP ${attempt.status}, check its API key`;
  if (attempt.status !== undefined) return `${attempt.model}: HTTP ${attempt.status}`;
  return `${attempt.model}: ${attempt.kind.replace("_", " ")}`;
}

/** The one error for a request on which every model failed. */
export function allModelsFailedError(attempts: readonly AttemptRecord[]): AppError {
  const retryable = attempts.some((a) => a.retryable);
  const details = { retryable, attempts: attempts.map(({ model, kind, status }) => ({ model, kind, status })) };
  const tried = [...new Map(attempts.map((a) => [a.model, a])).values()].map(describe).join("; ");
  if (attempts.length > 0 && attempts.every((a) => a.kind === "circuit_open")) {
    return new AppError("AI_PROVIDER_FAILED", `The AI models are temporarily unavailable after repeated failures (${tried}). Try again shortly.`, details);
  }
  if (attempts.length > 0 && attempts.every((a) => a.kind === "timeout" || a.kind === "circuit_open")) {
    return new AppError("AI_TIMEOUT", `The AI model did not answer in time (${tried}).`, details);
  }
  return new AppError("AI_PROVIDER_FAILED", `The AI model could not answer (${tried || "no model to try"}).`, details);
}

/**
 * Runs `run` against the candidates: retries retryable failures with backoff (honouring
 * retry-after), skips a model whose own or whose provider's breaker is open, and moves on to the
 * next model when one is exhausted. Rejects with the caller's abort reason, or with
 * allModelsFailedError.
 */
export async function runWithFallback<T>(options: FallbackOptions<T>): Promise<FallbackSuccess<T>> {
  const { candidates, breakers, signal } = options;
  const attempts: AttemptRecord[] = [];
  let current = options.current?.model ?? candidates[0];
  let reason: SwitchReason = options.current?.reason ?? "unknown";

  for (const model of candidates) {
    for (let retry = 0; ; retry++) {
      signal.throwIfAborted();
      const permit = breakers.acquire(model);
      if (!permit) {
        reason = "circuit_open";
        attempts.push({ model, kind: reason, retryable: true });
        break;
      }
      if (current !== undefined && model !== current) options.onSwitch?.(current, model, reason);
      current = model;
      try {
        return { model, value: await options.run(model, signal), permit };
      } catch (err) {
        if (signal.aborted) {
          permit.release();
          throw signal.reason;
        }
        const failure = reportAttemptFailure(model, err, permit, retry);
        attempts.push({ model, kind: failure.kind, retryable: failure.retryable, status: failure.status });
        reason = failure.kind;
        const delay = retryDelayMs(failure, retry, options.retry, options.random);
        if (delay === undefined) break;
        await sleep(delay, signal);
      }
    }
  }
  throw allModelsFailedError(attempts);
}
