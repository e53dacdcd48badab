import { PROVIDER_IDS, type ProviderId } from "../model-ref";
import { CircuitBreaker, type BreakerOptions, type BreakerSnapshot } from "./circuit-breaker";
import { recordBreakerState } from "./metrics";

/** One circuit breaker per provider, created on first use; states are mirrored to Prometheus. */
export interface BreakerRegistry {
  get(provider: ProviderId): CircuitBreaker;
  /** The providers' states, for /api/health; providers never used read as closed. */
  states(providers?: readonly ProviderId[]): Partial<Record<ProviderId, BreakerSnapshot>>;
}

export function createBreakerRegistry(options: Omit<BreakerOptions, "onStateChange">): BreakerRegistry {
  const breakers = new Map<ProviderId, CircuitBreaker>();

  function get(provider: ProviderId): CircuitBreaker {
    let breaker = breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker({ ...options, onStateChange: (state) => recordBreakerState(provider, state) });
      breakers.set(provider, breaker);
      recordBreakerState(provider, "closed");
    }
    return breaker;
  }

  return {
    get,
    states(providers = PROVIDER_IDS) {
      return Object.fromEntries(providers.map((p) => [p, get(p).snapshot()]));
    },
  };
}
