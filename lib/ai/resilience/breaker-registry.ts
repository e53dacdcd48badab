import { PROVIDER_IDS, providerOf, type ModelRef, type ProviderId } from "../model-ref";
import { CircuitBreaker, type BreakerOptions, type BreakerPermit, type BreakerSnapshot } from "./circuit-breaker";
import { forgetModelBreakerState, recordBreakerState, recordModelBreakerState } from "./metrics";
import type { ProviderFailure } from "./provider-errors";

/** Permission for one request to one model. Settle it once: the first of succeed/fail/release wins. */
export interface ModelPermit {
  succeed(): void;
  /** Books the failure on the breaker its scope names (see FailureScope). */
  fail(failure: ProviderFailure): void;
  /** Neither success nor failure, e.g. the caller aborted. */
  release(): void;
}

export interface ProviderBreakerStates extends BreakerSnapshot {
  /** The breakers of this provider's models that have been used, by model ref. */
  models: Record<ModelRef, BreakerSnapshot>;
}

/**
 * A circuit breaker per provider and one per model, created on first use; states are mirrored to
 * Prometheus. A request needs both to be closed (or to grant it the half-open probe).
 */
export interface BreakerRegistry {
  /** A permit when neither the model's provider breaker nor its own breaker refuses; else undefined. */
  acquire(model: ModelRef): ModelPermit | undefined;
  provider(provider: ProviderId): CircuitBreaker;
  model(model: ModelRef): CircuitBreaker;
  /** For /api/health: each provider's state (never used reads as closed) and its models'. */
  states(providers?: readonly ProviderId[]): Partial<Record<ProviderId, ProviderBreakerStates>>;
}

// Users may name any model id, so the model breakers are bounded: the oldest closed one makes room.
const MAX_MODEL_BREAKERS = 200;

export function createBreakerRegistry(options: Omit<BreakerOptions, "onStateChange">): BreakerRegistry {
  const now = options.now ?? Date.now;
  const providers = new Map<ProviderId, CircuitBreaker>();
  const models = new Map<ModelRef, CircuitBreaker>();
  // Per provider, which models timed out (and when) since it last answered anything.
  const timeouts = new Map<ProviderId, Map<ModelRef, number>>();

  function provider(id: ProviderId): CircuitBreaker {
    let breaker = providers.get(id);
    if (!breaker) {
      breaker = new CircuitBreaker({ ...options, onStateChange: (state) => recordBreakerState(id, state) });
      providers.set(id, breaker);
      recordBreakerState(id, "closed");
    }
    return breaker;
  }

  function evictOne() {
    const closed = [...models].find(([, breaker]) => breaker.snapshot().state === "closed");
    const [ref] = closed ?? models.entries().next().value!;
    models.delete(ref);
    forgetModelBreakerState(ref);
  }

  function model(ref: ModelRef): CircuitBreaker {
    let breaker = models.get(ref);
    if (!breaker) {
      if (models.size >= MAX_MODEL_BREAKERS) evictOne();
      // A request still running on an evicted breaker must not bring its gauge back.
      const created: CircuitBreaker = new CircuitBreaker({
        ...options,
        onStateChange: (state) => {
          if (models.get(ref) === created) recordModelBreakerState(ref, state);
        },
      });
      breaker = created;
      models.set(ref, breaker);
      recordModelBreakerState(ref, "closed");
    }
    return breaker;
  }

  /**
   * A timeout of one model says nothing about the provider while its other models answer; it
   * counts against the provider once a second model has timed out too, with no answer since.
   */
  function timeoutBlamesProvider(id: ProviderId, ref: ModelRef): boolean {
    const seen = timeouts.get(id) ?? new Map<ModelRef, number>();
    timeouts.set(id, seen);
    const cutoff = now() - options.windowMs;
    for (const [other, at] of seen) if (at <= cutoff) seen.delete(other);
    seen.set(ref, now());
    return seen.size >= 2;
  }

  function combine(id: ProviderId, ref: ModelRef, providerPermit: BreakerPermit, modelPermit: BreakerPermit): ModelPermit {
    let settled = false;
    function providerAnswered() {
      timeouts.delete(id);
      providerPermit.succeed();
    }
    return {
      succeed() {
        if (settled) return;
        settled = true;
        providerAnswered();
        modelPermit.succeed();
      },
      release() {
        if (settled) return;
        settled = true;
        providerPermit.release();
        modelPermit.release();
      },
      fail(failure) {
        if (settled) return;
        settled = true;
        if (failure.scope === "model") modelPermit.fail();
        else modelPermit.release();
        const ownTimeout = failure.kind === "timeout" && failure.status === undefined;
        if (failure.scope === "provider" || (ownTimeout && timeoutBlamesProvider(id, ref))) providerPermit.fail();
        else if (failure.status !== undefined) providerAnswered();
        else providerPermit.release();
      },
    };
  }

  return {
    acquire(ref) {
      const id = providerOf(ref);
      const modelPermit = model(ref).tryAcquire();
      if (!modelPermit) return undefined;
      const providerPermit = provider(id).tryAcquire();
      if (!providerPermit) {
        modelPermit.release();
        return undefined;
      }
      return combine(id, ref, providerPermit, modelPermit);
    },
    provider,
    model,
    states(ids = PROVIDER_IDS) {
      return Object.fromEntries(
        ids.map((id) => {
          const own = [...models].filter(([ref]) => ref.startsWith(`${id}:`));
          return [id, { ...provider(id).snapshot(), models: Object.fromEntries(own.map(([ref, b]) => [ref, b.snapshot()])) }];
        }),
      );
    },
  };
}
