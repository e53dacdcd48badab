export type BreakerState = "closed" | "open" | "half_open";

export interface BreakerOptions {
  /** Failures within `windowMs` that open the breaker. */
  failureThreshold: number;
  windowMs: number;
  /** How long the breaker stays open before it lets one probe through. */
  openMs: number;
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

export interface BreakerSnapshot {
  state: BreakerState;
  failuresInWindow: number;
  /** When an open breaker will let a probe through (epoch ms). */
  retryAt?: number;
}

/** Permission for one request. Settle it once: the first of succeed/fail/release wins. */
export interface BreakerPermit {
  succeed(): void;
  fail(): void;
  /** Neither success nor failure, e.g. the caller aborted; a probe slot is freed again. */
  release(): void;
}

/**
 * closed → open after `failureThreshold` failures within `windowMs`; open → half-open once
 * `openMs` has passed (on the next request, which becomes the single probe); half-open → closed
 * when the probe succeeds, → open again when it fails.
 */
export class CircuitBreaker {
  private state: BreakerState = "closed";
  private failures: number[] = [];
  private openedAt = 0;
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A permit when a request may go ahead; undefined while open (or while a probe is out). */
  tryAcquire(): BreakerPermit | undefined {
    if (this.state === "open" && this.now() - this.openedAt >= this.options.openMs) {
      this.transition("half_open");
    }
    if (this.state === "open") return undefined;
    if (this.state === "half_open") {
      if (this.probeInFlight) return undefined;
      this.probeInFlight = true;
      return this.permit(true);
    }
    return this.permit(false);
  }

  snapshot(): BreakerSnapshot {
    const failuresInWindow = this.recentFailures().length;
    return this.state === "open"
      ? { state: this.state, failuresInWindow, retryAt: this.openedAt + this.options.openMs }
      : { state: this.state, failuresInWindow };
  }

  private permit(probe: boolean): BreakerPermit {
    let settled = false;
    const settle = (outcome: "succeed" | "fail" | "release") => {
      if (settled) return;
      settled = true;
      if (probe) this.settleProbe(outcome);
      else if (outcome === "fail") this.recordFailure();
    };
    return { succeed: () => settle("succeed"), fail: () => settle("fail"), release: () => settle("release") };
  }

  private settleProbe(outcome: "succeed" | "fail" | "release") {
    this.probeInFlight = false;
    if (outcome === "succeed") {
      this.failures = [];
      this.transition("closed");
    } else if (outcome === "fail") {
      this.open();
    }
  }

  // Outcomes of requests that started before the breaker opened no longer matter.
  private recordFailure() {
    if (this.state !== "closed") return;
    this.failures = [...this.recentFailures(), this.now()];
    if (this.failures.length >= this.options.failureThreshold) this.open();
  }

  private recentFailures(): number[] {
    const cutoff = this.now() - this.options.windowMs;
    return this.failures.filter((t) => t > cutoff);
  }

  private open() {
    this.openedAt = this.now();
    this.transition("open");
  }

  private transition(state: BreakerState) {
    if (this.state === state) return;
    this.state = state;
    this.options.onStateChange?.(state);
  }
}
