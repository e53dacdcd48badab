import { AiTimeoutError, type TimeoutPhase } from "./provider-errors";

export interface AttemptTimeouts {
  requestMs: number;
  firstTokenMs: number;
  idleMs: number;
}

/**
 * Owns the abort signal of one provider request: it aborts when the caller aborts, when the
 * request runs too long, when the first token is late, or when a started stream goes silent.
 */
export interface AttemptGuard {
  signal: AbortSignal;
  /** Ends the first-token wait; from now on silence is measured between chunks. */
  markFirstToken(): void;
  /** Any chunk from the provider; restarts the idle timer once streaming. */
  markActivity(): void;
  /** Our timeout if one fired (the error to report instead of a bare abort), else `err` unchanged. */
  explain(err: unknown): unknown;
  /** Clears the timers and aborts whatever is still running; safe to call twice. */
  dispose(): void;
}

export function createAttemptGuard(parent: AbortSignal, timeouts: AttemptTimeouts): AttemptGuard {
  const controller = new AbortController();
  const fire = (phase: TimeoutPhase, ms: number) => () => controller.abort(new AiTimeoutError(phase, ms));
  const onParentAbort = () => controller.abort(parent.reason);
  if (parent.aborted) onParentAbort();
  else parent.addEventListener("abort", onParentAbort, { once: true });

  const requestTimer = setTimeout(fire("request", timeouts.requestMs), timeouts.requestMs);
  let phaseTimer = setTimeout(fire("first_token", timeouts.firstTokenMs), timeouts.firstTokenMs);
  let streaming = false;

  function markActivity() {
    if (!streaming || controller.signal.aborted) return;
    clearTimeout(phaseTimer);
    phaseTimer = setTimeout(fire("idle", timeouts.idleMs), timeouts.idleMs);
  }

  return {
    signal: controller.signal,
    markFirstToken() {
      streaming = true;
      markActivity();
    },
    markActivity,
    explain(err) {
      const reason: unknown = controller.signal.reason;
      return controller.signal.aborted && reason instanceof AiTimeoutError ? reason : err;
    },
    dispose() {
      clearTimeout(requestTimer);
      clearTimeout(phaseTimer);
      parent.removeEventListener("abort", onParentAbort);
      if (!controller.signal.aborted) controller.abort(new Error("attempt finished"));
    },
  };
}
